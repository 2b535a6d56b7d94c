using MilForge.Diagnostics;
using MilForge.Mil.Building;
using MilForge.Numerics;

namespace MilForge.Mil.Passes.Fp16;

/// <summary>
/// FP16 compute precision, as coremltools' <c>add_fp16_cast</c> does it: every eligible op is rebuilt on fp16 inputs
/// (named <c>&lt;op&gt;_cast_fp16</c>), fp32 constants become fp16 constants (<c>&lt;const&gt;_to_fp16</c>), and casts
/// are inserted only where an fp16 value meets an fp32 consumer or an fp32 value an fp16 consumer — so no
/// fp32→fp16→fp32 chain is ever created. Model I/O becomes fp16 unless <see cref="Fp16Options.Fp16IO"/> is false.
/// <code>
/// before:  %y: fp32[1, 4] = relu(x=%x)                     (x: fp32)
/// after:   %y: fp16[1, 4] = relu(x=%x)                     (x: fp16, fp16 I/O)
/// </code>
/// Ops that stay FP32: casts, control flow and list/state ops (the ops inside control-flow blocks are converted, with
/// the blocks' inputs and outputs keeping their types), ops the user keeps (<see cref="Fp16Options.KeepFp32"/>),
/// and ops reading a constant that overflows FP16 (see <see cref="WeightOverflowAction"/>). Every decision is in
/// <see cref="Report"/>.
/// </summary>
public sealed partial class Fp16ComputePass : IProgramPass
{
    private static readonly HashSet<string> NeverConverted = ["const", "cast", "cond", "while_loop", "make_list", "list_gather",
        "list_scatter", "list_read", "list_write", "list_length", "read_state", "write_state", "coreml_update_state"];

    private readonly Fp16Options _options;

    /// <summary>Creates the pass.</summary>
    public Fp16ComputePass(Fp16Options? options = null) => _options = options ?? new Fp16Options();

    /// <inheritdoc />
    public string Name => "fp16_compute_precision";

    /// <summary>What the last run decided.</summary>
    public Fp16Report Report { get; private set; } = new();

    /// <inheritdoc />
    public bool Run(MilProgram program)
    {
        Report = new Fp16Report();
        if (_options.OnWeightOverflow == WeightOverflowAction.Error)
        {
            ThrowIfAnyConstantOverflows(program);
        }
        foreach (var function in program.Functions.Values)
        {
            new Rewriter(this, function).Run();
        }
        new CastOptimizationPass().Run(program);
        new DeadCodeElimination().Run(program);
        return Report.ConvertedOps > 0;
    }

    /// <summary>Ops the pass never converts: casts, consts, control flow and list ops, and anything with nested blocks.</summary>
    private static bool StaysAsItIs(Operation op) => NeverConverted.Contains(op.Type) || op.Blocks.Count > 0;

    /// <summary>The fp32 constants an op reads through parameters that allow fp16: what converting it would cast (and may overflow).</summary>
    private static IEnumerable<Value> ConvertibleConstants(Operation op) =>
        op.Inputs.Where(kv => op.Definition.FindInput(kv.Key)?.Domain.Allows(DataType.Float16) ?? false)
            .SelectMany(kv => kv.Value.Values)
            .Where(v => v.IsConstant && v.Type is TensorType { DataType: DataType.Float32 })
            .Distinct();

    /// <summary>The rewrite of one function.</summary>
    private sealed class Rewriter(Fp16ComputePass pass, Function function)
    {
        private Dictionary<Value, Value> _fp16Of = [];
        private Dictionary<Value, Value> _fp32Of = [];
        private readonly Dictionary<Value, ConstantOverflow> _overflowSeen = [];
        private readonly HashSet<Value> _underflowSeen = [];
        private readonly List<(Value Old, Value Fresh)> _rebuilt = [];
        private MilBuilder _builder = new(function.Body) { Origin = Origin.None };

        private Fp16Options Options => pass._options;

        private Fp16Report Report => pass.Report;

        public void Run()
        {
            if (Options.Fp16IO)
            {
                for (var i = 0; i < function.Inputs.Count; i++)
                {
                    if (function.Inputs[i].Type is TensorType { DataType: DataType.Float32 } t)
                    {
                        function.SetInputType(i, t.WithDataType(DataType.Float16));
                        // The input now holds fp16; unconverted readers get an fp32 cast.
                        _fp32Of.Remove(function.Inputs[i]);
                        _fp16Of[function.Inputs[i]] = function.Inputs[i];
                    }
                }
            }
            var body = function.Body;
            RewriteOps(body);
            foreach (var (old, fresh) in _rebuilt)
            {
                Report.OriginalNames[fresh.Name] = old.Name;
            }
            FixOutputs(body);
        }

        private void RewriteOps(Block block)
        {
            foreach (var op in block.Operations.ToList())
            {
                if (op.IsConst)
                {
                    continue;
                }
                if (Decide(op) is { } reason)
                {
                    if (reason.Length > 0)
                    {
                        Report.KeptFp32.Add((op.Name, op.Origin, reason));
                    }
                    RebindToFp32(op);
                    foreach (var inner in op.Blocks)
                    {
                        RewriteNested(inner);
                    }
                }
                else
                {
                    Convert(op);
                }
            }
        }

        /// <summary>
        /// A block of a control-flow op (which itself stays as it is): its ops are converted like any other, with casts
        /// made inside the block; its inputs and outputs keep their types, so loop variables and branch results agree
        /// with the op. Casts and fp16 constants made here are out of scope afterwards, so the maps are restored.
        /// </summary>
        private void RewriteNested(Block block)
        {
            var (fp16Of, fp32Of, outer) = (new Dictionary<Value, Value>(_fp16Of), new Dictionary<Value, Value>(_fp32Of), _builder);
            _builder = outer.ForBlock(block);
            RewriteOps(block);
            _builder.InsertBefore = null;
            _builder.Origin = Origin.None.WithPass(pass.Name);
            for (var i = 0; i < block.Outputs.Count; i++)
            {
                var fp32 = ToFp32(block.Outputs[i]);
                if (fp32 != block.Outputs[i])
                {
                    block.SetOutput(i, fp32);
                }
            }
            (_builder, _fp16Of, _fp32Of) = (outer, fp16Of, fp32Of);
        }

        /// <summary>Null to convert the op; otherwise why it stays FP32 ("" for ops with nothing to convert).</summary>
        private string? Decide(Operation op)
        {
            if (StaysAsItIs(op))
            {
                return "";
            }
            var floatInputs = FloatInputs(op).ToList();
            var hasFp32Output = op.Outputs.Any(o => o.Type is TensorType { DataType: DataType.Float32 });
            if (floatInputs.Count == 0 && !hasFp32Output)
            {
                return "";
            }
            if (op.Origin.RequiresFp32)
            {
                return "integer arithmetic carried out in float, exact only in FP32";
            }
            var requested = Options.KeepFp32?.Invoke(op) == true;
            var blocking = new List<string>();
            foreach (var value in ConvertibleConstants(op))
            {
                var (overflowing, sentinels, maxAbs, _) = Fp16ConstantCaster.Inspect(value.ConstantValue!);
                if (overflowing == 0)
                {
                    continue;
                }
                var keep = Options.OnWeightOverflow switch
                {
                    WeightOverflowAction.KeepFp32 => true,
                    WeightOverflowAction.Saturate => false,
                    // Error: Run has already refused the program (ThrowIfAnyConstantOverflows).
                    WeightOverflowAction.Error => throw new InvalidOperationException($"constant '{value.Name}' overflows FP16 but was not refused."),
                    _ => overflowing > sentinels,
                };
                RecordOverflow(value, op, overflowing, sentinels, maxAbs, keep || requested);
                if (keep)
                {
                    blocking.Add(value.Name);
                }
            }
            if (requested)
            {
                return "kept in FP32 as requested";
            }
            return blocking.Count > 0 ? $"reads constant(s) {string.Join(", ", blocking)} that overflow FP16" : null;
        }

        private void RecordOverflow(Value constant, Operation op, long overflowing, long sentinels, double maxAbs, bool keep)
        {
            var consumer = op.Origin.IsNone ? $"{op.Type} '{op.Name}'" : $"{op.Type} '{op.Name}' (ONNX '{op.Origin.NodeName}')";
            var action = keep ? $"{op.Type} '{op.Name}' kept in FP32" : $"{overflowing} value(s) saturated to ±65504";
            if (_overflowSeen.TryGetValue(constant, out var seen))
            {
                var merged = seen with
                {
                    Consumers = [.. seen.Consumers, consumer],
                    Action = seen.Action.Contains(action, StringComparison.Ordinal) ? seen.Action : $"{seen.Action}; {action}",
                };
                Report.Overflows[Report.Overflows.IndexOf(seen)] = merged;
                _overflowSeen[constant] = merged;
                return;
            }
            var entry = new ConstantOverflow(constant.Name, constant.Producer!.Origin, maxAbs, overflowing, sentinels,
                constant.ConstantValue!.Length, [consumer], action);
            Report.Overflows.Add(entry);
            _overflowSeen[constant] = entry;
        }

        /// <summary>Inputs that would become fp16: fp32 tensors (or retyped inputs) bound to parameters whose domain allows fp16.</summary>
        private IEnumerable<Value> FloatInputs(Operation op) =>
            op.Inputs.Where(kv => op.Definition.FindInput(kv.Key)?.Domain.Allows(DataType.Float16) ?? false)
                .SelectMany(kv => kv.Value.Values)
                .Where(v => v.Type is TensorType { DataType: DataType.Float32 } || _fp16Of.ContainsKey(v));

        private void Convert(Operation op)
        {
            _builder.InsertBefore = op;
            _builder.Origin = op.Origin.WithPass(pass.Name);
            var floatInputs = FloatInputs(op).ToHashSet();
            var args = new OpArgs();
            foreach (var (param, argument) in op.Inputs)
            {
                var values = argument.Values.Select(v => floatInputs.Contains(v) ? ToFp16(v) : ToFp32(v)).ToArray();
                if (argument.IsTuple)
                {
                    args.Add(param, values);
                }
                else
                {
                    args.Add(param, values[0]);
                }
            }
            var outputs = _builder.Build(op.Type, args, $"{op.Outputs[0].Name}_cast_fp16");
            Report.ConvertedOps++;
            for (var i = 0; i < outputs.Count; i++)
            {
                var (old, fresh) = (op.Outputs[i], outputs[i]);
                _rebuilt.Add((old, fresh));
                if (old.Type is TensorType { DataType: DataType.Float32 } && fresh.DataType == DataType.Float16)
                {
                    _fp16Of[old] = fresh;
                }
                else
                {
                    Block.ReplaceAllUses(old, fresh);
                }
            }
        }

        /// <summary>An unconverted op reads fp32: inputs that are now fp16 get an fp32 cast.</summary>
        private void RebindToFp32(Operation op)
        {
            _builder.InsertBefore = op;
            _builder.Origin = op.Origin.WithPass(pass.Name);
            foreach (var v in op.InputValues.Distinct().ToList())
            {
                var fp32 = ToFp32(v);
                if (fp32 != v)
                {
                    op.ReplaceInput(v, fp32);
                }
            }
        }

        /// <summary>The fp16 counterpart of an fp32 value: the converted producer's output, an fp16 const, or a shared cast.</summary>
        private Value ToFp16(Value v)
        {
            if (_fp16Of.TryGetValue(v, out var known))
            {
                return known;
            }
            Value result;
            if (v.ConstantValue is { } constant)
            {
                var (overflowing, _, _, flushed) = Fp16ConstantCaster.Inspect(constant);
                var rescue = flushed > 0 && constant.Length < Options.UnderflowRescueLimit;
                if (flushed > 0 && _underflowSeen.Add(v))
                {
                    Report.Underflows.Add(new ConstantUnderflow(v.Name, v.Producer!.Origin, flushed, constant.Length,
                        rescue ? "raised to ±2^-24 (the smallest FP16 subnormal), as coremltools does for small constants" : "they become zero"));
                }
                var saved = _builder.Origin;
                _builder.Origin = v.Producer!.Origin.WithPass(pass.Name);
                result = _builder.Const(Fp16ConstantCaster.ToFp16(constant, saturate: overflowing > 0, rescue), $"{v.Name}_to_fp16");
                _builder.Origin = saved;
            }
            else
            {
                result = Cast(v, "fp16", $"{v.Name}_to_fp16");
            }
            _fp16Of[v] = result;
            return result;
        }

        /// <summary>The fp32 value an unconverted reader needs: unchanged, or a shared cast of the fp16 replacement.</summary>
        private Value ToFp32(Value v)
        {
            if (!_fp16Of.TryGetValue(v, out var fp16) || fp16.DataType != DataType.Float16)
            {
                return v;
            }
            if (_fp32Of.TryGetValue(v, out var known))
            {
                return known;
            }
            var result = Cast(fp16, "fp32", $"{v.Name}_to_fp32");
            _fp32Of[v] = result;
            return result;
        }

        private Value Cast(Value v, string dtype, string name)
        {
            Report.CastsAdded++;
            return _builder.Single("cast", new() { { "x", v }, { "dtype", dtype } }, name);
        }

        /// <summary>
        /// Block outputs keep their names: the fp16 value when the I/O is fp16, else an fp32 cast. The fp32 originals
        /// of converted ops are removed first (their readers are fp32 originals too, or none), so an output that the
        /// graph also reads inside gives its name back to its replacement like any other.
        /// </summary>
        private void FixOutputs(Block body)
        {
            _builder.InsertBefore = null;
            _builder.Origin = Origin.None.WithPass(pass.Name);
            var renames = new List<(Value Original, Value Replacement)>();
            for (var i = 0; i < body.Outputs.Count; i++)
            {
                var old = body.Outputs[i];
                if (Options.Fp16IO && old.Type is TensorType { DataType: DataType.Float32 } && !_fp16Of.ContainsKey(old))
                {
                    // An fp32 output of an op kept in FP32: fp16 I/O still declares it fp16, as coremltools does.
                    var renamed = old.Name;
                    var fp32Name = $"{renamed}_fp32";
                    for (var n = 1; function.Names.IsUsed(fp32Name); n++)
                    {
                        fp32Name = $"{renamed}_fp32_{n}";
                    }
                    function.Rename(old, fp32Name);
                    Report.OriginalNames[fp32Name] = renamed;
                    body.SetOutput(i, Cast(old, "fp16", renamed));
                    continue;
                }
                if (_rebuilt.FirstOrDefault(p => p.Fresh == old) is { Old: { } original } && original.Name != old.Name)
                {
                    // A non-float output of a rebuilt op (bool, int32) was rebound directly: give it back its name.
                    renames.Add((original, old));
                    continue;
                }
                if (!_fp16Of.TryGetValue(old, out var fp16) || fp16.DataType != DataType.Float16 || old == fp16)
                {
                    continue;
                }
                var replacement = Options.Fp16IO ? fp16 : ToFp32(old);
                body.SetOutput(i, replacement);
                renames.Add((old, replacement));
            }
            DeadCodeElimination.Run(function);
            foreach (var (original, replacement) in renames)
            {
                RestoreName(body, original, replacement);
            }
        }

        /// <summary>Gives the name of a removed (or now unused) original to the value that replaced it as a block output.</summary>
        private void RestoreName(Block body, Value original, Value replacement)
        {
            var name = original.Name;
            if (original.Producer is not { } producer)
            {
                return;
            }
            if (producer.Parent is not null)
            {
                if (!producer.Outputs.All(o => o.Consumers.Count == 0 && !body.Outputs.Contains(o)))
                {
                    return;
                }
                body.Remove(producer);
            }
            function.Names.Release(name);
            // The replacement now carries the original's name, which is all the FP32 pairing needs.
            Report.OriginalNames.Remove(replacement.Name);
            function.Rename(replacement, name);
            original.Name = $"{name} (fp32 original)";
        }
    }
}
