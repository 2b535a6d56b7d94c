using MilForge.CoreML.Blob;
using MilForge.CoreML.Protos;
using MilForge.Mil;
using MilForge.Mil.Ops;
using MilForge.Numerics;

namespace MilForge.CoreML.Serialization;

/// <summary>
/// Writes a MIL program as the MIL protobuf, generically over op definitions: every input is a named binding (as
/// coremltools writes them; ops whose definition says otherwise, the <c>constexpr_*</c> ops, carry their constants as
/// attributes or literal bindings instead, see <see cref="ConstantParameterEncoding"/>), every const is a <c>const</c> op whose value is immediate or, for large float/8-bit
/// tensors, a reference into <c>weight.bin</c>. Nothing here changes when an op is added.
/// </summary>
public sealed class ProgramSerializer
{
    /// <summary>The blob file reference written into const values.</summary>
    public const string WeightFileName = "@model_path/weights/weight.bin";

    /// <summary>Minimum element count for a const to be stored in the blob file (coremltools' rule).</summary>
    public const int BlobThreshold = 10;

    private readonly BlobStorageWriter _blobs = new();

    /// <summary>The weight file contents; empty when no const went to the blob file.</summary>
    public byte[] WeightBytes => _blobs.Count == 0 ? [] : _blobs.ToArray();

    /// <summary>Serializes a program.</summary>
    public Protos.Program Serialize(MilProgram program)
    {
        var proto = new Protos.Program { Version = 1 };
        foreach (var (name, function) in program.Functions)
        {
            proto.Functions[name] = Serialize(function);
        }
        if (program.BuildInfo.Count > 0)
        {
            proto.Attributes["buildInfo"] = StringDictionary(program.BuildInfo);
        }
        return proto;
    }

    private MilFunction Serialize(Function function)
    {
        var proto = new MilFunction { Opset = function.Target.Opset() };
        proto.Inputs.AddRange(function.Inputs.Select(Named));
        proto.BlockSpecializations[proto.Opset] = Serialize(function.Body, function.Target);
        return proto;
    }

    private MilBlock Serialize(Block block, DeploymentTarget target)
    {
        var proto = new MilBlock();
        proto.Inputs.AddRange(block.Inputs.Select(Named));
        proto.Outputs.AddRange(block.Outputs.Select(v => v.Name));
        foreach (var op in block.Operations.Where(op => !IsInlined(op, block)))
        {
            proto.Operations.Add(Serialize(op, target));
        }
        return proto;
    }

    /// <summary>A const read only by ops that carry their constants themselves (constexpr_*) is not written (coremltools' rule).</summary>
    private static bool IsInlined(Operation op, Block block) =>
        op.IsConst && op.Output.Consumers.Count > 0 && !block.Outputs.Contains(op.Output)
        && op.Output.Consumers.All(c => c.Definition.ParameterEncoding != ConstantParameterEncoding.Bindings);

    private MilOperation Serialize(Operation op, DeploymentTarget target)
    {
        var proto = new MilOperation { Type = op.Type };
        var encoding = op.Definition.ParameterEncoding;
        foreach (var (name, argument) in op.Inputs)
        {
            if (encoding == ConstantParameterEncoding.Attributes && !argument.IsTuple && argument.Value.ConstantValue is { } attribute)
            {
                proto.Attributes[name] = ConstValue(attribute, target);
                continue;
            }
            var arg = new MilArgument();
            arg.Arguments.AddRange(argument.Values.Select(v => encoding == ConstantParameterEncoding.InlineValues && v.ConstantValue is { } inline
                ? new MilArgument.Types.Binding { Value = ConstValue(inline, target) }
                : new MilArgument.Types.Binding { Name = v.Name }));
            proto.Inputs[name] = arg;
        }
        proto.Outputs.AddRange(op.Outputs.Select(Named));
        foreach (var inner in op.Blocks)
        {
            proto.Blocks.Add(Serialize(inner, target));
        }
        proto.Attributes["name"] = Immediate(Tensor.Scalar(op.Name));
        foreach (var (key, value) in op.Attributes)
        {
            proto.Attributes[key] = key == "val" && op.IsConst ? ConstValue(value, target) : Immediate(value);
        }
        return proto;
    }

    private MilValue ConstValue(Tensor value, DeploymentTarget target)
    {
        if (value.Length < BlobThreshold || !GoesToBlob(value.DataType, target))
        {
            return Immediate(value);
        }
        var offset = _blobs.Append(value);
        return new MilValue
        {
            Type = MilTypeCodec.ToProto((MilType)TypeOf(value)),
            BlobFileValue = new MilValue.Types.BlobFileValue { FileName = WeightFileName, Offset = offset },
        };
    }

    /// <summary>
    /// coremltools' rule for which element types are stored in the blob file at a target. Sub-byte values are int8 or
    /// uint8 numpy arrays in coremltools, so they qualify like those. The rule does not mention fp8, so fp8 stays immediate.
    /// </summary>
    public static bool GoesToBlob(DataType type, DeploymentTarget target) => type switch
    {
        DataType.Float16 or DataType.Float32 or DataType.UInt8 or DataType.Int8 => true,
        _ when type.IsSubByte() => true,
        DataType.UInt16 or DataType.Int16 or DataType.Int32 or DataType.UInt32 => target >= DeploymentTarget.iOS18,
        _ => false,
    };

    /// <summary>An immediate tensor value with its type.</summary>
    public static MilValue Immediate(Tensor value) => new()
    {
        Type = MilTypeCodec.ToProto((MilType)TypeOf(value)),
        ImmediateValue = new MilValue.Types.ImmediateValue { Tensor = TensorValueCodec.Encode(value) },
    };

    private static Mil.TensorType TypeOf(Tensor value) => new(value.DataType, Shape.Of(value.Shape));

    private static NamedValueType Named(Value v) => new() { Name = v.Name, Type = MilTypeCodec.ToProto(v.Type) };

    private static MilValue StringDictionary(IDictionary<string, string> entries)
    {
        var stringType = MilTypeCodec.ToProto((MilType)Mil.TensorType.Scalar(DataType.String));
        var dictionary = new DictionaryValue();
        foreach (var (key, value) in entries)
        {
            dictionary.Values.Add(new DictionaryValue.Types.KeyValuePair { Key = Immediate(Tensor.Scalar(key)), Value = Immediate(Tensor.Scalar(value)) });
        }
        return new MilValue
        {
            Type = new MilValueType { DictionaryType = new DictionaryType { KeyType = stringType, ValueType = stringType } },
            ImmediateValue = new MilValue.Types.ImmediateValue { Dictionary = dictionary },
        };
    }
}
