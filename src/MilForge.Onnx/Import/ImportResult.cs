using MilForge.Diagnostics;
using MilForge.Mil;

namespace MilForge.Onnx.Import;

/// <summary>The outcome of an import: the program, name mappings, and non-fatal diagnostics.</summary>
/// <param name="Program">The MIL program (function <c>main</c>).</param>
/// <param name="InputNames">ONNX graph input name → MIL function input name, in graph order (initializers excluded).</param>
/// <param name="OutputNames">ONNX graph output name → MIL output name, in graph order.</param>
/// <param name="Diagnostics">Warnings and notes (e.g. int64 inputs narrowed to int32).</param>
public sealed record ImportResult(MilProgram Program, IReadOnlyList<KeyValuePair<string, string>> InputNames,
    IReadOnlyList<KeyValuePair<string, string>> OutputNames, IReadOnlyList<Diagnostic> Diagnostics);
