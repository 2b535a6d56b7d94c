using MilForge.CoreML.Protos;
using MilForge.Diagnostics;
using MilForge.Mil;
using MilForge.Numerics;

namespace MilForge.CoreML.Package;

/// <summary>
/// Builds the model description from the <c>main</c> function, as coremltools does: inputs in function order and
/// outputs in block order, named as in MIL, each a multiarray of its dtype; static shapes are written out, symbolic
/// input dims get a shape range, and outputs with symbolic shapes leave the shape empty.
/// </summary>
public static class ModelDescriptions
{
    /// <summary>The description of a program's main function.</summary>
    public static ModelDescription Build(MilProgram program, IReadOnlyDictionary<string, string> userMetadata)
    {
        var main = program.Main;
        var description = new ModelDescription { Metadata = new Metadata() };
        foreach (var input in main.Inputs)
        {
            description.Input.Add(Feature(input, isInput: true, main.Target));
        }
        foreach (var output in main.Body.Outputs)
        {
            description.Output.Add(Feature(output, isInput: false, main.Target));
        }
        foreach (var (key, value) in userMetadata)
        {
            description.Metadata.UserDefined[key] = value;
        }
        return description;
    }

    private static FeatureDescription Feature(Value value, bool isInput, DeploymentTarget target)
    {
        var type = value.Type as Mil.TensorType
            ?? throw new DiagnosticException(DiagnosticCodes.PkgUnsupported, $"Model {(isInput ? "input" : "output")} '{value.Name}' is {value.Type}; only tensors are supported.");
        var array = new ArrayFeatureType { DataType = ArrayType(type.DataType, value.Name, isInput, target) };
        if (type.Rank == 0)
        {
            array.Shape.Add(1);
        }
        else if (type.Shape.IsStatic)
        {
            array.Shape.AddRange(type.Shape.Dims.Select(d => d.Size));
        }
        else if (isInput)
        {
            array.Shape.AddRange(type.Shape.Dims.Select(d => d.IsKnown ? d.Size : 1));
            array.ShapeRange = new ArrayFeatureType.Types.ShapeRange();
            array.ShapeRange.SizeRanges.AddRange(type.Shape.Dims.Select(d => d.IsKnown
                ? new ArrayFeatureType.Types.SizeRange { LowerBound = (ulong)d.Size, UpperBound = d.Size }
                : new ArrayFeatureType.Types.SizeRange { LowerBound = 1, UpperBound = -1 }));
        }
        return new FeatureDescription { Name = value.Name, Type = new FeatureType { MultiArrayType = array } };
    }

    private static ArrayFeatureType.Types.ArrayDataType ArrayType(DataType type, string name, bool isInput, DeploymentTarget target) => type switch
    {
        DataType.Float32 => ArrayFeatureType.Types.ArrayDataType.Float32,
        DataType.Int32 => ArrayFeatureType.Types.ArrayDataType.Int32,
        DataType.Float16 when target >= DeploymentTarget.iOS16 => ArrayFeatureType.Types.ArrayDataType.Float16,
        DataType.Float16 => throw new DiagnosticException(DiagnosticCodes.PkgUnsupported,
            $"Model {(isInput ? "input" : "output")} '{name}' is fp16, which Core ML allows from iOS16; the target is {target}."),
        _ => throw new DiagnosticException(DiagnosticCodes.PkgUnsupported,
            $"Model {(isInput ? "input" : "output")} '{name}' is {type.MilName()}; Core ML model I/O must be fp32, int32 or fp16."),
    };

    /// <summary>Reads features back as plain records.</summary>
    public static IReadOnlyList<FeatureInfo> Read(IEnumerable<FeatureDescription> features) => [.. features.Select(f =>
    {
        var kind = f.Type?.TypeCase.ToString() ?? "None";
        var array = f.Type?.MultiArrayType;
        return new FeatureInfo(f.Name, kind, array?.DataType.ToString().ToUpperInvariant(), array is null ? [] : [.. array.Shape]);
    })];
}
