using MilForge.Diagnostics;
using MilForge.Mil;
using MilForge.Numerics;

namespace MilForge.Onnx.Import.Ops.Recurrent;

/// <summary>
/// What ONNX LSTM, GRU and RNN share: X (layout 0 [T, B, I] or 1 [B, T, I], static), W [D, G·H, I],
/// R [D, G·H, H] and B [D, 2·G·H] (gates in ONNX order; constants for the MIL ops, else sliced at run time), direction, clip, activations, sequence_lens (constant;
/// ignored when every length is T), initial states, and the outputs Y [T, D, B, H] (layout 1: [B, T, D, H]),
/// Y_h/Y_c [D, B, H] (layout 1: [B, D, H]), each optional. Also the pieces of the unrolled form: per-step slices of
/// the input projection, recurrent products, clipping and sequence-length masking.
/// </summary>
internal sealed class RecurrentNode
{
    private readonly float[] _w;
    private readonly float[] _r;
    private readonly float[] _b;
    private readonly Value?[] _runTime = new Value?[4];

    private RecurrentNode(OnnxNodeContext context, int gates, string[] defaultActivations)
    {
        Context = context;
        Gates = gates;
        Direction = context.Attributes.String("direction", "forward");
        Directions = Direction switch
        {
            "forward" or "reverse" => 1,
            "bidirectional" => 2,
            _ => throw context.Unsupported($"direction '{Direction}' is not forward, reverse or bidirectional"),
        };
        Layout = (int)context.Attributes.Int("layout", 0);
        if (Layout is not (0 or 1))
        {
            throw context.Unsupported($"layout {Layout} is not 0 or 1");
        }
        var x = context.Input(0);
        Type = x.DataType;
        var shape = ConverterHelpers.StaticShape(context, x, $"{context.OpType} (unrolled over time)");
        if (shape.Length != 3)
        {
            throw context.Unsupported($"X {x.Shape} must have rank 3");
        }
        (Steps, Batch, Features) = Layout == 0 ? (shape[0], shape[1], shape[2]) : (shape[1], shape[0], shape[2]);
        X = Layout == 0 ? x : context.Op("transpose", new() { { "x", x }, { "perm", new[] { 1, 0, 2 } } }, $"{context.OutputName()}_time_major");
        Hidden = WeightShape(2, "R") is { Length: 3 } rShape ? rShape[2] : 0;
        if (context.Attributes.Has("hidden_size") && context.Attributes.Int("hidden_size") != Hidden)
        {
            throw context.Unsupported($"hidden_size {context.Attributes.Int("hidden_size")} does not match R {context.Input(2).Shape}");
        }
        var gh = Gates * Hidden;
        if (!WeightShape(1, "W").SequenceEqual([Directions, gh, Features]) || !WeightShape(2, "R").SequenceEqual([Directions, gh, Hidden]))
        {
            throw context.Unsupported($"W and R must be [{Directions}, {gh}, {Features}] and [{Directions}, {gh}, {Hidden}]");
        }
        if (context.HasInput(3) && !WeightShape(3, "B").SequenceEqual([Directions, 2 * gh]))
        {
            throw context.Unsupported($"B must be [{Directions}, {2 * gh}]");
        }
        ConstantWeights = Enumerable.Range(1, 3).All(i => !context.HasInput(i) || context.ConstantInput(i) is not null);
        if (ConstantWeights)
        {
            _w = context.ConstantInput(1)!.AsFloats();
            _r = context.ConstantInput(2)!.AsFloats();
            _b = context.HasInput(3) ? context.ConstantInput(3)!.AsFloats() : new float[Directions * 2 * gh];
        }
        else
        {
            (_w, _r, _b) = ([], [], []);
            for (var i = 1; i <= 3; i++)
            {
                _runTime[i] = context.OptionalInput(i);
            }
        }
        Clip = context.Attributes.Has("clip") ? context.Attributes.Float("clip", 0) : null;
        Activations = RecurrentActivation.Read(context, defaultActivations, Directions);
        SequenceLengths = ReadSequenceLengths();
    }

    public OnnxNodeContext Context { get; }

    public int Gates { get; }

    public string Direction { get; }

    public int Directions { get; }

    public int Layout { get; }

    public DataType Type { get; }

    public int Steps { get; }

    public int Batch { get; }

    public int Features { get; }

    public int Hidden { get; }

    /// <summary>X as [T, B, I].</summary>
    public Value X { get; }

    /// <summary>The clip threshold, or null.</summary>
    public float? Clip { get; }

    /// <summary>The activations, per direction in order (the attribute's layout).</summary>
    public RecurrentActivation[] Activations { get; }

    /// <summary>True when W, R and B are constants (the MIL ops need that; the unrolled form slices them at run time otherwise).</summary>
    public bool ConstantWeights { get; }

    /// <summary>Per-batch lengths when they differ from T (then the form is unrolled and masked), else null.</summary>
    public int[]? SequenceLengths { get; }

    /// <summary>Reads the node.</summary>
    public static RecurrentNode Read(OnnxNodeContext context, int gates, string[] defaultActivations) => new(context, gates, defaultActivations);

    /// <summary>Direction <paramref name="d"/>'s activations.</summary>
    public RecurrentActivation[] ActivationsOf(int d)
    {
        var per = Activations.Length / Directions;
        return Activations[(d * per)..((d + 1) * per)];
    }

    /// <summary>True when direction <paramref name="d"/> runs from the last step to the first.</summary>
    public bool Backward(int d) => d == 1 || Direction == "reverse";

    /// <summary>Rows [gate·H, (gate + count)·H) of direction d's W (as MIL weight [count·H, I]).</summary>
    public Tensor InputWeights(int d, params int[] gates) => Rows(_w, d, Features, gates);

    /// <summary>Rows of direction d's R, [count·H, H].</summary>
    public Tensor RecurrentWeights(int d, params int[] gates) => Rows(_r, d, Hidden, gates);

    /// <summary>Direction d's input bias Wb for the gates.</summary>
    public Tensor InputBias(int d, params int[] gates) => Bias(d, 0, gates);

    /// <summary>Direction d's recurrent bias Rb for the gates.</summary>
    public Tensor RecurrentBias(int d, params int[] gates) => Bias(d, Gates, gates);

    /// <summary>Wb + Rb for the gates (MIL's single bias).</summary>
    public Tensor SummedBias(int d, params int[] gates)
    {
        var (w, r) = (InputBias(d, gates).AsFloats(), RecurrentBias(d, gates).AsFloats());
        return Tensor.FromFloats([.. w.Select((v, i) => v + r[i])], [w.Length], Type);
    }

    /// <summary>Direction d's initial state from input <paramref name="index"/> as [B, H] (zeros when absent).</summary>
    public Value InitialState(int index, int d, string what)
    {
        if (!Context.HasInput(index))
        {
            return Context.Const(Tensor.Zeros(Type, [Batch, Hidden]), $"{what}0_d{d}");
        }
        var v = Context.Input(index);
        int[] expected = Layout == 0 ? [Directions, Batch, Hidden] : [Batch, Directions, Hidden];
        if (!v.Shape.IsStatic || !v.Shape.ToStatic().SequenceEqual(expected))
        {
            throw Context.Unsupported($"initial {what} {v.Shape} must be [{string.Join(", ", expected)}]");
        }
        int[] begin = Layout == 0 ? [d, 0, 0] : [0, d, 0];
        int[] end = Layout == 0 ? [d + 1, Batch, Hidden] : [Batch, d + 1, Hidden];
        bool[] squeeze = Layout == 0 ? [true, false, false] : [false, true, false];
        return Context.Op("slice_by_index", new() { { "x", v }, { "begin", begin }, { "end", end }, { "squeeze_mask", squeeze } }, $"{Context.OutputName()}_{what}0_d{d}");
    }

    /// <summary>Every direction's initial state as MIL's [B, D·H] (forward half first).</summary>
    public Value InitialStates(int index, string what)
    {
        var states = Enumerable.Range(0, Directions).Select(d => InitialState(index, d, what)).ToArray();
        return states.Length == 1 ? states[0]
            : Context.Op("concat", new() { { "values", states }, { "axis", 1 } }, $"{Context.OutputName()}_{what}0");
    }

    /// <summary>Direction d's input projection for all steps: X·Wᵀ + Wb for the gates, [T, B, count·H].</summary>
    public Value Projection(int d, int[] gates, bool withBias, string name)
    {
        if (!ConstantWeights)
        {
            return RunTimeProduct(X, 1, d, gates, withBias ? 0 : null, name);
        }
        var args = new Mil.Building.OpArgs { { "x", X }, { "weight", InputWeights(d, gates) } };
        if (withBias)
        {
            args.Add("bias", InputBias(d, gates));
        }
        return Context.Op("linear", args, name);
    }

    /// <summary>Step t of a [T, B, N] value, as [B, N].</summary>
    public Value Step(Value sequence, int t, string name)
    {
        var n = (int)sequence.Shape[2].Size;
        return Context.Op("slice_by_index", new()
        {
            { "x", sequence }, { "begin", new[] { t, 0, 0 } }, { "end", new[] { t + 1, Batch, n } }, { "squeeze_mask", new[] { true, false, false } },
        }, name);
    }

    /// <summary>h·Rᵀ (+ Rb) for the gates: [B, count·H].</summary>
    public Value Recur(Value h, int d, int[] gates, bool withBias, string name)
    {
        if (!ConstantWeights)
        {
            return RunTimeProduct(h, 2, d, gates, withBias ? Gates : null, name);
        }
        var args = new Mil.Building.OpArgs { { "x", h }, { "weight", RecurrentWeights(d, gates) } };
        if (withBias)
        {
            args.Add("bias", RecurrentBias(d, gates));
        }
        return Context.Op("linear", args, name);
    }

    /// <summary>Splits [B, count·H] into count gates [B, H].</summary>
    public IReadOnlyList<Value> SplitGates(Value v, int count, string name) => count == 1 ? [v]
        : Context.Builder.Build("split", new() { { "x", v }, { "num_splits", count }, { "axis", 1 } }, name);

    /// <summary>clip(v, −clip, clip) when the node clips gate inputs.</summary>
    public Value ClipGate(Value v, string name) => Clip is { } c
        ? Context.Op("clip", new() { { "x", v }, { "alpha", Scalar(-c) }, { "beta", Scalar(c) } }, name)
        : v;

    /// <summary>A scalar of the node's float type.</summary>
    public Tensor Scalar(float v) => Tensor.FromFloats([v], [], Type);

    /// <summary>An elementwise binary op.</summary>
    public Value Binary(string op, Value x, Value y, string name) => Context.Op(op, new() { { "x", x }, { "y", y } }, name);

    /// <summary>The batch rows still inside their sequence at input time t ([B, 1]), or null when all are.</summary>
    public Tensor? Valid(int t) => SequenceLengths is { } lens && lens.Any(l => t >= l)
        ? Tensor.Create(lens.Select(l => t < l).ToArray(), Batch, 1)
        : null;

    /// <summary>Keeps <paramref name="previous"/> for rows past their length at time t (masked steps do not advance the state).</summary>
    public Value Hold(int t, Value next, Value previous, string name) => Valid(t) is { } valid
        ? Context.Op("select", new() { { "cond", valid }, { "a", next }, { "b", previous } }, name)
        : next;

    /// <summary>Zeros the output of rows past their length at time t (as ONNX Runtime writes Y).</summary>
    public Value ZeroPast(int t, Value h, string name) => Valid(t) is { } valid
        ? Context.Op("select", new() { { "cond", valid }, { "a", h }, { "b", Scalar(0) } }, name)
        : h;

    /// <summary>The input time processed at step k by direction d.</summary>
    public int Time(int d, int k) => Backward(d) ? Steps - 1 - k : k;

    /// <summary>Stacks per-time [B, H] outputs (indexed by input time) into [T, B, H].</summary>
    public Value StackTime(IReadOnlyList<Value> perTime, string name) =>
        Context.Op("stack", new() { { "values", perTime.ToArray() }, { "axis", 0 } }, name);

    /// <summary>
    /// A MIL op's sequence put in input-time order: a reverse op writes it in processing order (a bidirectional
    /// lstm's backward half is already aligned, so <paramref name="processingOrder"/> is false for it).
    /// </summary>
    public Value TimeAligned(Value sequence, bool processingOrder, string name) => processingOrder
        ? Context.Op("gather", new() { { "x", sequence }, { "indices", Enumerable.Range(0, Steps).Reverse().ToArray() }, { "axis", 0 } }, name)
        : sequence;

    /// <summary>Direction d's half of a MIL bidirectional output's last axis (the value itself when unidirectional).</summary>
    public Value Half(Value v, int d, string name)
    {
        if (Directions == 1)
        {
            return v;
        }
        var rank = v.Shape.Rank;
        var begin = new int[rank];
        begin[^1] = d * Hidden;
        var end = v.Shape.ToStatic();
        end[^1] = (d + 1) * Hidden;
        return Context.Op("slice_by_index", new() { { "x", v }, { "begin", begin }, { "end", end } }, name);
    }

    /// <summary>True when the MIL recurrent ops can take this node's activations (every direction's, each by name).</summary>
    public bool MilActivations => Activations.All(a => a.MilName is not null);

    /// <summary>
    /// Writes the node's outputs from per-direction sequences [T, B, H] (aligned to input time; null when Y is not
    /// wanted) and final states [B, H].
    /// </summary>
    public void SetOutputs(Value[]? sequences, Value[] finalH, Value[]? finalC = null)
    {
        if (Context.HasOutput(0) && sequences is not null)
        {
            var y = Context.Op("stack", new() { { "values", sequences }, { "axis", 1 } }, Layout == 0 ? Context.OutputName(0) : $"{Context.OutputName(0)}_time_major");
            if (Layout == 1)
            {
                y = Context.Op("transpose", new() { { "x", y }, { "perm", new[] { 2, 0, 1, 3 } } }, Context.OutputName(0));
            }
            Context.SetOutput(0, y);
        }
        SetState(1, finalH);
        if (finalC is not null)
        {
            SetState(2, finalC);
        }
    }

    private void SetState(int index, Value[] perDirection)
    {
        if (!Context.HasOutput(index))
        {
            return;
        }
        var state = Context.Op("stack", new() { { "values", perDirection }, { "axis", Layout } }, Context.OutputName(index));
        Context.SetOutput(index, state);
    }

    /// <summary>
    /// x·Wᵀ (+ b) with W = rows of run-time weight input <paramref name="index"/> (W or R) for contiguous gates of
    /// direction d, and b the matching slice of B from gate block <paramref name="biasBlock"/> (0: Wb, G: Rb).
    /// </summary>
    private Value RunTimeProduct(Value x, int index, int d, int[] gates, int? biasBlock, string name)
    {
        if (gates.Where((g, i) => g != gates[0] + i).Any())
        {
            throw new InvalidOperationException("run-time weight rows must be contiguous gates");
        }
        var (first, rows) = (gates[0] * Hidden, gates.Length * Hidden);
        var w = _runTime[index] ?? throw Context.Unsupported("W and R are required");
        var columns = (int)w.Shape[2].Size;
        var weight = Context.Op("slice_by_index", new()
        {
            { "x", w }, { "begin", new[] { d, first, 0 } }, { "end", new[] { d + 1, first + rows, columns } }, { "squeeze_mask", new[] { true, false, false } },
        }, $"{name}_w");
        var product = Context.Op("matmul", new() { { "x", x }, { "y", weight }, { "transpose_y", true } }, biasBlock is null || _runTime[3] is null ? name : $"{name}_mm");
        if (biasBlock is not { } block || _runTime[3] is not { } b)
        {
            return product;
        }
        var start = (block * Hidden) + first;
        var bias = Context.Op("slice_by_index", new()
        {
            { "x", b }, { "begin", new[] { d, start } }, { "end", new[] { d + 1, start + rows } }, { "squeeze_mask", new[] { true, false } },
        }, $"{name}_b");
        return Binary("add", product, bias, name);
    }

    private int[] WeightShape(int index, string what)
    {
        if (!Context.HasInput(index))
        {
            throw Context.Unsupported($"input {what} is required");
        }
        return ConverterHelpers.StaticShape(Context, Context.Input(index), $"{Context.OpType} weights {what}");
    }

    private Tensor Rows(float[] source, int d, int columns, int[] gates)
    {
        var block = Hidden * columns;
        var result = new float[gates.Length * block];
        for (var g = 0; g < gates.Length; g++)
        {
            Array.Copy(source, (((d * Gates) + gates[g]) * block), result, g * block, block);
        }
        return Tensor.FromFloats(result, [gates.Length * Hidden, columns], Type);
    }

    private Tensor Bias(int d, int offset, int[] gates)
    {
        var result = new float[gates.Length * Hidden];
        for (var g = 0; g < gates.Length; g++)
        {
            Array.Copy(_b, (d * 2 * Gates * Hidden) + ((offset + gates[g]) * Hidden), result, g * Hidden, Hidden);
        }
        return Tensor.FromFloats(result, [result.Length], Type);
    }

    private int[]? ReadSequenceLengths()
    {
        if (!Context.HasInput(4))
        {
            return null;
        }
        var lens = Context.ConstantInput(4)
            ?? throw Context.Error(DiagnosticCodes.OnnxNotConstant, "sequence_lens must be a constant (its masks are built at import)");
        var values = lens.AsInts();
        if (values.Length != Batch || values.Any(l => l < 0 || l > Steps))
        {
            throw Context.Unsupported($"sequence_lens [{string.Join(", ", values)}] must hold {Batch} lengths in [0, {Steps}]");
        }
        return values.All(l => l == Steps) ? null : values;
    }
}
