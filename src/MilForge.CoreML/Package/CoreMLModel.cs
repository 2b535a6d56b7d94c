using MilForge.Mil;

namespace MilForge.CoreML.Package;

/// <summary>A Core ML feature (model input or output) as the model description declares it.</summary>
/// <param name="Name">The feature name (equal to the MIL name).</param>
/// <param name="Kind">multiArrayType, imageType, stateType...</param>
/// <param name="DataType">The array data type name (FLOAT32, FLOAT16, INT32...), or null for non-arrays.</param>
/// <param name="Shape">The declared (default) shape; empty when not given.</param>
public sealed record FeatureInfo(string Name, string Kind, string? DataType, IReadOnlyList<long> Shape);

/// <summary>A Core ML ML Program model read from or written to disk.</summary>
/// <param name="Program">The MIL program.</param>
/// <param name="SpecificationVersion">Model.specificationVersion.</param>
/// <param name="Inputs">The declared inputs.</param>
/// <param name="Outputs">The declared outputs.</param>
/// <param name="Metadata">Metadata.userDefined entries.</param>
public sealed record CoreMLModel(MilProgram Program, int SpecificationVersion, IReadOnlyList<FeatureInfo> Inputs,
    IReadOnlyList<FeatureInfo> Outputs, IReadOnlyDictionary<string, string> Metadata);
