using MilForge.CoreML.Protos;
using MilForge.Diagnostics;
using MilForge.Mil;
using MilForge.Numerics;

namespace MilForge.CoreML.Serialization;

/// <summary>Translates element types and value types between the MIL IR and the MIL protobuf messages.</summary>
public static class MilTypeCodec
{
    /// <summary>The protobuf data type of an element type.</summary>
    public static MilDataType ToProto(DataType type) => type switch
    {
        DataType.Bool => MilDataType.Bool,
        DataType.String => MilDataType.String,
        DataType.Float16 => MilDataType.Float16,
        DataType.Float32 => MilDataType.Float32,
        DataType.Float64 => MilDataType.Float64,
        DataType.BFloat16 => MilDataType.Bfloat16,
        DataType.Int8 => MilDataType.Int8,
        DataType.Int16 => MilDataType.Int16,
        DataType.Int32 => MilDataType.Int32,
        DataType.Int64 => MilDataType.Int64,
        DataType.UInt8 => MilDataType.Uint8,
        DataType.UInt16 => MilDataType.Uint16,
        DataType.UInt32 => MilDataType.Uint32,
        DataType.UInt64 => MilDataType.Uint64,
        DataType.Int4 => MilDataType.Int4,
        DataType.UInt1 => MilDataType.Uint1,
        DataType.UInt2 => MilDataType.Uint2,
        DataType.UInt3 => MilDataType.Uint3,
        DataType.UInt4 => MilDataType.Uint4,
        DataType.UInt6 => MilDataType.Uint6,
        DataType.Float8E4M3FN => MilDataType.Float8E4M3Fn,
        DataType.Float8E5M2 => MilDataType.Float8E5M2,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    /// <summary>The element type of a protobuf data type, or null for types MilForge does not hold in tensors (UNUSED_TYPE and unknown values).</summary>
    public static DataType? FromProto(MilDataType type) => type switch
    {
        MilDataType.Bool => DataType.Bool,
        MilDataType.String => DataType.String,
        MilDataType.Float16 => DataType.Float16,
        MilDataType.Float32 => DataType.Float32,
        MilDataType.Float64 => DataType.Float64,
        MilDataType.Bfloat16 => DataType.BFloat16,
        MilDataType.Int8 => DataType.Int8,
        MilDataType.Int16 => DataType.Int16,
        MilDataType.Int32 => DataType.Int32,
        MilDataType.Int64 => DataType.Int64,
        MilDataType.Uint8 => DataType.UInt8,
        MilDataType.Uint16 => DataType.UInt16,
        MilDataType.Uint32 => DataType.UInt32,
        MilDataType.Uint64 => DataType.UInt64,
        MilDataType.Int4 => DataType.Int4,
        MilDataType.Uint1 => DataType.UInt1,
        MilDataType.Uint2 => DataType.UInt2,
        MilDataType.Uint3 => DataType.UInt3,
        MilDataType.Uint4 => DataType.UInt4,
        MilDataType.Uint6 => DataType.UInt6,
        MilDataType.Float8E4M3Fn => DataType.Float8E4M3FN,
        MilDataType.Float8E5M2 => DataType.Float8E5M2,
        _ => null,
    };

    /// <summary>The protobuf value type of a MIL type.</summary>
    public static MilValueType ToProto(MilType type) => type switch
    {
        Mil.TensorType t => new MilValueType { TensorType = ToProto(t) },
        Mil.ListType l => new MilValueType
        {
            ListType = new Protos.ListType { Type = ToProto(l.Element), Length = l.Length is { } d ? ToProto(d) : new Dimension { Unknown = new() } },
        },
        Mil.StateType s => new MilValueType { StateType = new Protos.StateType { WrappedType = ToProto((MilType)s.Wrapped) } },
        _ => throw new DiagnosticException(DiagnosticCodes.PkgUnsupported, $"Type {type} cannot be serialized."),
    };

    /// <summary>The protobuf tensor type.</summary>
    public static Protos.TensorType ToProto(Mil.TensorType type)
    {
        var proto = new Protos.TensorType { DataType = ToProto(type.DataType), Rank = type.Rank };
        proto.Dimensions.AddRange(type.Shape.Dims.Select(ToProto));
        return proto;
    }

    private static Dimension ToProto(Dim d) => d.IsKnown
        ? new Dimension { Constant = new Dimension.Types.ConstantDimension { Size = (ulong)d.Size } }
        : new Dimension { Unknown = new Dimension.Types.UnknownDimension { Variadic = false } };

    /// <summary>
    /// The MIL type of a protobuf value type. Unknown dims get fresh symbols from <paramref name="symbol"/>;
    /// PKG3006 for types MilForge cannot represent.
    /// </summary>
    public static MilType FromProto(MilValueType? proto, Func<string> symbol, string where) => proto?.TypeCase switch
    {
        MilValueType.TypeOneofCase.TensorType => FromProto(proto.TensorType, symbol, where),
        MilValueType.TypeOneofCase.StateType => new Mil.StateType(FromProto(proto.StateType.WrappedType, symbol, where) as Mil.TensorType
            ?? throw new DiagnosticException(DiagnosticCodes.PkgBadModel, $"{where}: a state must wrap a tensor type.")),
        MilValueType.TypeOneofCase.ListType => new Mil.ListType(FromProto(proto.ListType.Type, symbol, where),
            proto.ListType.Length?.DimensionCase == Dimension.DimensionOneofCase.Constant ? Dim.Of((long)proto.ListType.Length.Constant.Size) : null),
        null => throw new DiagnosticException(DiagnosticCodes.PkgBadModel, $"{where}: a value type is missing."),
        _ => throw new DiagnosticException(DiagnosticCodes.PkgUnsupported, $"{where}: value type {proto.TypeCase} is not supported."),
    };

    /// <summary>The MIL tensor type of a protobuf tensor type.</summary>
    public static Mil.TensorType FromProto(Protos.TensorType proto, Func<string> symbol, string where)
    {
        var dataType = FromProto(proto.DataType)
            ?? throw new DiagnosticException(DiagnosticCodes.PkgUnsupported, $"{where}: element type {proto.DataType} is not supported.");
        if (proto.Rank < 0)
        {
            throw new DiagnosticException(DiagnosticCodes.PkgUnsupported, $"{where}: tensors of unknown rank are not supported.");
        }
        if (proto.Dimensions.Count != proto.Rank)
        {
            throw new DiagnosticException(DiagnosticCodes.PkgBadModel, $"{where}: rank {proto.Rank} but {proto.Dimensions.Count} dimensions.");
        }
        var dims = proto.Dimensions.Select(d => d.DimensionCase == Dimension.DimensionOneofCase.Constant
            ? (d.Constant.Size <= int.MaxValue ? Dim.Of((long)d.Constant.Size)
                : throw new DiagnosticException(DiagnosticCodes.PkgBadModel, $"{where}: dimension {d.Constant.Size} is too large."))
            : Dim.Of(symbol()));
        return new Mil.TensorType(dataType, new Shape(dims));
    }
}
