using MilForge.Cli.Commands;
using MilForge.CoreML.Package;
using MilForge.Diagnostics;
using MilForge.Mil;
using MilForge.Numerics;
using MilForge.Onnx.Import;
using MilForge.Onnx.Reading;
using MilForge.Precision;
using MilForge.Precision.Inputs;
using MilForge.Runtime;

namespace MilForge.Cli.Models;

/// <summary>
/// A model the command line can run: an ONNX model (run by ONNX Runtime, or converted in memory and interpreted) or
/// a Core ML package (interpreted). Inputs and outputs use the model's own names: ONNX names for .onnx files.
/// </summary>
internal abstract class RunnableModel
{
    public abstract string Description { get; }

    public abstract IReadOnlyList<TensorSignature> Inputs { get; }

    public abstract IReadOnlyList<KeyValuePair<string, Tensor>> Run(IReadOnlyDictionary<string, Tensor> inputs, RunOptions options);

    /// <summary>
    /// A MIL program of the model, to read what its inputs are for (<see cref="InputRoles"/>); for ONNX Runtime, the
    /// FP32 conversion, or null when the model does not convert.
    /// </summary>
    public abstract MilProgram? Program { get; }

    /// <summary>The precision the model computes in (for packages and converted ONNX models).</summary>
    public virtual string Precision => "fp32 (ONNX Runtime)";

    /// <summary>
    /// Loads a model for an engine: <c>interpreter</c> or <c>onnxruntime</c>. An .onnx model for the interpreter is
    /// converted in memory with <paramref name="conversion"/> (FP32 when null).
    /// </summary>
    /// <remarks>
    /// <paramref name="overrides"/> (<c>--input</c>, <c>--input-value</c>) are checked against the model's inputs and,
    /// for a converted ONNX model, applied at conversion.
    /// </remarks>
    public static RunnableModel Load(string path, string engine, IReferenceRunner? reference, ConversionOptions? conversion = null,
        InputOverrides? overrides = null)
    {
        overrides ??= new InputOverrides();
        var isOnnx = path.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase);
        if (engine == "onnxruntime")
        {
            if (!isOnnx)
            {
                throw new DiagnosticException(DiagnosticCodes.CliUsage, $"'{path}': the onnxruntime engine runs .onnx models only.");
            }
            var ort = new OrtModel(path, OnnxModel.Load(path), reference!);
            overrides.Validate(ort.Inputs, path);
            return ort;
        }
        if (isOnnx)
        {
            var model = OnnxModel.Load(path);
            var options = InputOverrideOptions.Apply(conversion ?? new ConversionOptions { Precision = ComputePrecision.Fp32 }, overrides,
                OnnxConversion.InputSignatures(model), path);
            return new ConvertedOnnxModel(path, model, OnnxConversion.Convert(model, options));
        }
        if (path.EndsWith(".mlpackage", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".mlmodel", StringComparison.OrdinalIgnoreCase)
            || Directory.Exists(path))
        {
            var package = new PackageModel(path, MlPackageReader.Read(path));
            overrides.Validate(package.Inputs, path);
            return package;
        }
        throw new DiagnosticException(DiagnosticCodes.CliUsage, $"'{path}': expected a .onnx model, an .mlpackage folder or an .mlmodel file.");
    }

    /// <summary>The model's signatures of MIL function inputs.</summary>
    protected static IReadOnlyList<TensorSignature> Signatures(Function main) =>
        [.. main.Inputs.Select(i => new TensorSignature(i.Name, i.DataType, i.Shape))];

    private sealed class OrtModel(string path, OnnxModel model, IReferenceRunner runner) : RunnableModel
    {
        public override string Description => $"{path} with {runner.Name}";

        private readonly Lazy<MilProgram?> _program = new(() => ConvertOrNull(model));

        public override IReadOnlyList<TensorSignature> Inputs { get; } = OnnxConversion.InputSignatures(model);

        public override MilProgram? Program => _program.Value;

        public override IReadOnlyList<KeyValuePair<string, Tensor>> Run(IReadOnlyDictionary<string, Tensor> inputs, RunOptions options) =>
            runner.Run(path, inputs);

        private static MilProgram? ConvertOrNull(OnnxModel model)
        {
            try
            {
                return OnnxConversion.Convert(model, new ConversionOptions { Precision = ComputePrecision.Fp32 }).Program;
            }
            catch (DiagnosticException)
            {
                return null;
            }
        }
    }

    private sealed class ConvertedOnnxModel(string path, OnnxModel model, ConversionResult conversion) : RunnableModel
    {
        private readonly ImportResult import = conversion.Import;

        public override string Description => $"{path} converted in memory ({import.Program.Main.Target}) on the MilForge interpreter";

        public override string Precision => conversion.Summary.ToString();

        public override MilProgram? Program => import.Program;

        public override IReadOnlyList<TensorSignature> Inputs { get; } = OnnxConversion.InputSignatures(model);

        public override IReadOnlyList<KeyValuePair<string, Tensor>> Run(IReadOnlyDictionary<string, Tensor> inputs, RunOptions options)
        {
            var milInputs = import.InputNames.ToDictionary(m => m.Value, m => inputs[m.Key]);
            var outputs = new MilInterpreter().Run(import.Program, milInputs, options);
            return [.. import.OutputNames.Select(m => new KeyValuePair<string, Tensor>(m.Key, outputs[m.Value]))];
        }
    }

    private sealed class PackageModel(string path, CoreMLModel model) : RunnableModel
    {
        public override string Description =>
            $"{path} (Core ML spec {model.SpecificationVersion}, {model.Program.Main.Target}) on the MilForge interpreter";

        public override string Precision => Mil.Passes.Fp16.PrecisionSummary.Of(model.Program).ToString();

        public override MilProgram? Program => model.Program;

        public override IReadOnlyList<TensorSignature> Inputs { get; } = Signatures(model.Program.Main);

        public override IReadOnlyList<KeyValuePair<string, Tensor>> Run(IReadOnlyDictionary<string, Tensor> inputs, RunOptions options)
        {
            var outputs = new MilInterpreter().Run(model.Program, inputs, options);
            return [.. model.Program.Main.Body.Outputs.Select(o => new KeyValuePair<string, Tensor>(o.Name, outputs[o.Name]))];
        }
    }
}
