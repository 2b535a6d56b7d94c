using System.CommandLine;
using MilForge.Cli.Models;
using MilForge.OnnxRuntime;
using MilForge.Precision;
using MilForge.Precision.Inputs;
using MilForge.Runtime;

namespace MilForge.Cli.Commands;

/// <summary>
/// <c>milforge run MODEL -o OUTDIR [--inputs DIR] [--seed S] [--engine interpreter|onnxruntime] [--force]</c>: OUTDIR
/// may exist; output files already in it are replaced only with <c>--force</c>. A folder of sample folders runs every
/// sample and writes OUTDIR/SAMPLE/ for each.
/// </summary>
internal static class RunCommand
{
    public static Command Create(CliIo io)
    {
        var (output, error) = (io.Output, io.Error);
        var model = new Argument<string>("MODEL") { Description = "A .onnx model, an .mlpackage or an .mlmodel." };
        var outDir = new Option<string>("--output", "-o") { Description = "Folder for output_K.pb and NAME.npy.", Required = true };
        var inputs = new Option<string?>("--inputs") { Description = "Folder with input_K.pb and/or NAME.npy, or a folder of such sample folders (default: seeded random inputs)." };
        var seed = CommandInputs.SeedOption();
        var engine = new Option<string>("--engine") { Description = "interpreter (default) or onnxruntime (.onnx only).", DefaultValueFactory = _ => "interpreter" };
        engine.AcceptOnlyFromAmong("interpreter", "onnxruntime");
        var precision = new Option<string>("--precision") { Description = "For an .onnx model on the interpreter: convert in fp16 (default, as convert does) or fp32.", DefaultValueFactory = _ => "fp16" };
        precision.AcceptOnlyFromAmong("fp16", "fp32");
        var accumulation = CommandInputs.AccumulationOption();
        var force = OutputOptions.Force();
        var json = CliIo.JsonOption("a summary of the outputs (per sample: name, dtype, shape, min/max/mean, NaN/Inf counts, files written)");
        var command = new Command("run", "Run a model and write its outputs.") { model, outDir, inputs, seed, engine, precision, accumulation, force, json };
        var inputOverrides = new InputOverrideOptions();
        inputOverrides.AddTo(command);
        command.SetAction(parse =>
        {
            OutputWriter.Check(parse.GetValue(outDir)!);
            OutputOptions.CheckFiles(CliIo.JsonFile(parse.GetValue(json)));
            var policy = PrecisionPolicy.Parse(parse.GetValue(accumulation)!)!;
            var folder = parse.GetValue(inputs);
            ArgumentChecks.InputFolders(folder is null ? null : [folder]);
            var conversion = new ConversionOptions { Precision = parse.GetValue(precision) == "fp32" ? ComputePrecision.Fp32 : ComputePrecision.Fp16 };
            var overrides = inputOverrides.Parse(parse);
            var runnable = io.Timed("load", () => RunnableModel.Load(parse.GetValue(model)!, parse.GetValue(engine)!, new OrtReferenceRunner(), conversion, overrides));
            output.WriteLine($"Running {runnable.Description}");
            var options = new RunOptions { Policy = policy };
            if (parse.GetValue(engine) == "interpreter")
            {
                output.WriteLine($"  precision: {runnable.Precision}; accumulation policy: {options.Policy.Name}");
            }
            var set = CommandInputs.Resolve(folder is null ? null : [folder], runnable.Inputs, output, overrides, runnable.Program, seed: parse.GetValue(seed), error: error);
            if (set.Samples.Count > 1)
            {
                // Each sample gets OUTDIR/SAMPLE/; OUTDIR itself is created like a single sample's folder would be.
                OutputWriter.Write(parse.GetValue(outDir)!, [], parse.GetValue(force));
            }
            var summaries = new List<System.Text.Json.Nodes.JsonObject>();
            foreach (var sample in set.Samples)
            {
                var results = io.Timed($"run {sample.Name}", () => runnable.Run(sample.Values, options));
                var directory = set.Samples.Count == 1 ? parse.GetValue(outDir)! : Path.Combine(parse.GetValue(outDir)!, sample.Name);
                var files = OutputWriter.Write(directory, results, parse.GetValue(force));
                summaries.Add(RunJson.Sample(sample.Name, directory, results, files));
                foreach (var (name, tensor) in results)
                {
                    output.WriteLine("  " + CommandInputs.Summary(name, tensor));
                }
                output.WriteLine($"Wrote {results.Count} output(s) to {directory}");
            }
            io.WriteJson(parse.GetValue(json), () => RunJson.Write(parse.GetValue(model)!, summaries));
            return ExitCodes.Ok;
        });
        return command;
    }
}
