using System.CommandLine;
using System.Text.Json.Nodes;
using MilForge.CoreML.Package;
using MilForge.Mil;
using MilForge.Mil.Passes.Fp16;
using MilForge.Mil.Text;
using MilForge.Numerics;
using MilForge.Onnx.Reading;
using MilForge.Precision;

namespace MilForge.Cli.Commands;

/// <summary>
/// <c>milforge inspect MODEL [--mil] [--json [FILE|-]]</c> for .onnx, .mlpackage and .mlmodel: format versions, I/O, op
/// histogram (consts included), FP16/FP32 op counts, weight bytes by type and the largest weights. An ONNX model
/// is shown as MilForge converts it by default (FP16).
/// </summary>
internal static class InspectCommand
{
    public static Command Create(CliIo io)
    {
        var (output, error) = (io.Output, io.Error);
        var model = new Argument<string>("MODEL") { Description = "A .onnx model, an .mlpackage or an .mlmodel." };
        var mil = new Option<bool>("--mil") { Description = "Print the MIL program." };
        var json = new Option<string?>("--json")
        {
            Description = "Write one JSON object to this file instead of text; '-' prints it on stdout (and nothing else goes there). A bare --json prints it on stdout (deprecated: use --json -).",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var command = new Command("inspect", "Describe a model: versions, I/O, ops, precision and weights.") { model, mil, json };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(model)!;
            var jsonPath = parse.GetResult(json) is null ? null : parse.GetValue(json) ?? BareJson(error);
            OutputOptions.CheckFiles(CliIo.JsonFile(jsonPath));
            var info = Describe(path);
            if (jsonPath is not null)
            {
                io.WriteJson(jsonPath, () => info.ToJsonString(MilForge.Precision.Reports.JsonFormat.Indented));
            }
            else
            {
                PrintText(info, output);
            }
            if (parse.GetValue(mil))
            {
                output.WriteLine(new MilPrinter().Print(LoadProgram(path).Program));
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string BareJson(TextWriter error)
    {
        error.WriteLine($"warning {Diagnostics.DiagnosticCodes.CliUsage}: a bare --json is deprecated; use --json - for stdout or --json FILE.");
        return CliIo.StdoutPath;
    }

    private static (MilProgram Program, JsonObject Format) LoadProgram(string path)
    {
        if (path.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase))
        {
            var onnx = OnnxModel.Load(path);
            var result = OnnxConversion.Convert(onnx, new ConversionOptions());
            return (result.Program, new JsonObject
            {
                ["kind"] = "onnx",
                ["onnxOpset"] = onnx.DefaultOpset,
                ["onnxNodes"] = onnx.NodeOpTypes.Count,
                ["onnxOps"] = Histogram(onnx.NodeOpTypes),
                ["convertedWith"] = "milforge convert defaults (fp16, iOS16)",
            });
        }
        var package = MlPackageReader.Read(path);
        return (package.Program, new JsonObject
        {
            ["kind"] = Directory.Exists(path) ? "mlpackage" : "mlmodel",
            ["specificationVersion"] = package.SpecificationVersion,
            ["metadata"] = new JsonObject([.. package.Metadata.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))]),
        });
    }

    /// <summary>The inspect object: format, target, opset, inputs, outputs, ops, precision, weights.</summary>
    public static JsonObject Describe(string path)
    {
        var (program, format) = LoadProgram(path);
        var main = program.Main;
        var ops = main.AllOperations().ToList();
        var summary = PrecisionSummary.Of(program);
        var consts = ops.Where(o => o.IsConst).Select(o => (o.Output.Name, Value: o.Attributes["val"])).Where(c => c.Value.DataType.IsNumeric()).ToList();
        var info = new JsonObject
        {
            ["path"] = path,
            ["format"] = format,
            ["deploymentTarget"] = main.Target.ToString(),
            ["opset"] = main.Target.Opset(),
            ["inputs"] = Features(main.Inputs),
            ["outputs"] = Features(main.Body.Outputs),
            ["ops"] = Histogram(ops.Select(o => o.Type)),
            ["precision"] = new JsonObject { ["fp16Ops"] = summary.Fp16Ops, ["fp32Ops"] = summary.Fp32Ops, ["casts"] = summary.Casts, ["label"] = summary.Label },
            ["weightBytes"] = new JsonObject([.. consts.GroupBy(c => c.Value.DataType).OrderBy(g => g.Key)
                .Select(g => KeyValuePair.Create(g.Key.MilName(), (JsonNode?)g.Sum(c => (long)c.Value.Length * Math.Max(1, c.Value.DataType.ByteSize()))))]),
            ["largestWeights"] = new JsonArray([.. consts.OrderByDescending(c => c.Value.Length).Take(5).Select(c => (JsonNode)new JsonObject
            {
                ["name"] = c.Name,
                ["dtype"] = c.Value.DataType.MilName(),
                ["shape"] = new JsonArray([.. c.Value.Shape.Select(d => (JsonNode)d)]),
                ["bytes"] = (long)c.Value.Length * Math.Max(1, c.Value.DataType.ByteSize()),
            })]),
        };
        return info;
    }

    private static JsonObject Histogram(IEnumerable<string> types) =>
        new([.. types.GroupBy(t => t).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => KeyValuePair.Create(g.Key, (JsonNode?)g.Count()))]);

    private static JsonArray Features(IEnumerable<Value> values) => new([.. values.Select(v => (JsonNode)new JsonObject
    {
        ["name"] = v.Name,
        ["dtype"] = v.Type is TensorType t ? t.DataType.MilName() : v.Type.ToString(),
        ["shape"] = v.Type is TensorType s ? new JsonArray([.. s.Shape.Dims.Select(d => d.IsKnown ? (JsonNode)d.Size : d.Symbol)]) : null,
    })]);

    private static void PrintText(JsonObject info, TextWriter output)
    {
        string Io(JsonNode? list) => string.Join(", ", list!.AsArray().Select(i => $"{i!["name"]} {i["dtype"]}{i["shape"]?.ToJsonString()}"));
        var format = info["format"]!.AsObject();
        output.WriteLine((string?)format["kind"] == "onnx"
            ? $"{info["path"]}: ONNX, opset {format["onnxOpset"]}, {format["onnxNodes"]} nodes ({string.Join(", ", format["onnxOps"]!.AsObject().Select(kv => $"{kv.Key} {kv.Value}"))}); shown as converted with {format["convertedWith"]}"
            : $"{info["path"]}: {format["kind"]}, Core ML specification version {format["specificationVersion"]}");
        foreach (var (key, value) in format["metadata"]?.AsObject() ?? [])
        {
            output.WriteLine($"  metadata {key}: {value}");
        }
        output.WriteLine($"  target {info["deploymentTarget"]}, opset {info["opset"]}");
        output.WriteLine($"  inputs:  {Io(info["inputs"])}");
        output.WriteLine($"  outputs: {Io(info["outputs"])}");
        output.WriteLine($"  precision: {info["precision"]!["label"]} ({info["precision"]!["fp16Ops"]} ops in FP16, {info["precision"]!["fp32Ops"]} in FP32, {info["precision"]!["casts"]} casts)");
        output.WriteLine($"  ops: {string.Join(", ", info["ops"]!.AsObject().Select(kv => $"{kv.Key} {kv.Value}"))}");
        output.WriteLine($"  weight bytes: {string.Join(", ", info["weightBytes"]!.AsObject().Select(kv => $"{kv.Key} {kv.Value}"))}");
        output.WriteLine($"  largest weights: {string.Join(", ", info["largestWeights"]!.AsArray().Select(w => $"{w!["name"]} {w["dtype"]}{w["shape"]!.ToJsonString()}"))}");
    }
}
