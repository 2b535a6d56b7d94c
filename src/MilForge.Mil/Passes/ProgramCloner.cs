using MilForge.Mil.Building;
using MilForge.Numerics;

namespace MilForge.Mil.Passes;

/// <summary>
/// Deep-copies a program by replaying every op through the builder (so each copy is re-checked), keeping names and
/// origins. With <see cref="WidenFp16"/> the copy computes in FP32: fp16 inputs and constants become fp32 and casts to
/// fp16 disappear (or, for a function output, become fp32 casts so the output keeps its name) — the FP32 reference of
/// an FP16 program (what <c>debug-precision</c> compares an FP16 package with).
/// </summary>
public sealed class ProgramCloner
{
    /// <summary>Turn every fp16 value into fp32 while copying.</summary>
    public bool WidenFp16 { get; init; }

    /// <summary>Copies a program, nested blocks included.</summary>
    public MilProgram Clone(MilProgram program)
    {
        var copy = new MilProgram();
        foreach (var (key, value) in program.BuildInfo)
        {
            copy.BuildInfo[key] = value;
        }
        foreach (var (name, function) in program.Functions)
        {
            copy.Functions[name] = Clone(function);
        }
        return copy;
    }

    private Function Clone(Function source)
    {
        var target = new Function(source.Name, source.Target);
        var map = new Dictionary<Value, Value>();
        foreach (var input in source.Inputs)
        {
            map[input] = target.AddInput(input.Name, Widen(input.Type));
        }
        CloneBlock(source.Body, new MilBuilder(target.Body), map);
        // Op names that are no value's name (a multi-output op's) were not reserved by replaying: new ops must not take them.
        foreach (var op in target.AllOperations())
        {
            target.Names.Reserve(op.Name);
        }
        return target;
    }

    /// <summary>Replays the ops of <paramref name="source"/> into the builder's block, then its outputs; nested blocks recursively.</summary>
    private void CloneBlock(Block source, MilBuilder builder, Dictionary<Value, Value> map)
    {
        foreach (var op in source.Operations)
        {
            builder.Origin = op.Origin;
            if (op.IsConst)
            {
                var value = op.Attributes["val"];
                map[op.Output] = builder.Const(WidenFp16 && value.DataType == DataType.Float16 ? value.CastTo(DataType.Float32) : value, op.Output.Name, exactName: true);
                continue;
            }
            if (WidenFp16 && op.Type == "cast" && map[op.Input("x")!].DataType == DataType.Float32 && op.Output.DataType == DataType.Float16
                && !source.Outputs.Contains(op.Output))
            {
                // A cast to fp16 in an FP32 copy changes nothing: its readers read the fp32 value. (A cast that is a
                // block output stays, as an fp32 cast, so the output keeps its name.)
                map[op.Output] = map[op.Input("x")!];
                continue;
            }
            var widenCast = WidenFp16 && op.Type == "cast" && op.Output.DataType == DataType.Float16;
            var args = new OpArgs();
            foreach (var (param, argument) in op.Inputs)
            {
                if (widenCast && param == "dtype")
                {
                    args.Add(param, "fp32");
                }
                else if (argument.IsTuple)
                {
                    args.Add(param, argument.Values.Select(v => map[v]).ToArray());
                }
                else
                {
                    args.Add(param, map[argument.Value]);
                }
            }
            Action<IReadOnlyList<Block>>? fill = op.Blocks.Count == 0 ? null : blocks =>
            {
                for (var i = 0; i < blocks.Count; i++)
                {
                    foreach (var input in op.Blocks[i].Inputs)
                    {
                        map[input] = blocks[i].AddInput(input.Name, Widen(input.Type));
                    }
                    CloneBlock(op.Blocks[i], builder.ForBlock(blocks[i]), map);
                }
            };
            var outputs = builder.Build(op.Type, args, op.Name, [.. op.Outputs.Select(o => o.Name)], fill);
            for (var i = 0; i < outputs.Count; i++)
            {
                map[op.Outputs[i]] = outputs[i];
            }
        }
        foreach (var output in source.Outputs)
        {
            builder.Block.AddOutput(map[output]);
        }
    }

    private MilType Widen(MilType type) =>
        WidenFp16 && type is TensorType { DataType: DataType.Float16 } t ? t.WithDataType(DataType.Float32) : type;
}
