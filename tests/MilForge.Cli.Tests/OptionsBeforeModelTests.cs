namespace MilForge.Cli.Tests;

/// <summary>
/// Option values that need no model are refused before the model is read: each case names a model that does not
/// exist, so the error can only be about the option (its name, or the output path's problem) if the option is checked first.
/// </summary>
public class OptionsBeforeModelTests
{
    public static TheoryData<string, string[]> Cases() => new()
    {
        { "--samples", ["debug-precision", "{missing}.onnx", "--samples", "0"] },
        { "--budget", ["debug-precision", "{missing}.onnx", "--budget", "0"] },
        { "--top", ["debug-precision", "{missing}.onnx", "--top", "-1"] },
        { "--inputs", ["debug-precision", "{missing}.onnx", "--inputs", "{missing}"] },
        { "--atol", ["debug-precision", "{missing}.onnx", "--atol", "lots"] },
        { "--samples", ["compare", "{missing}.onnx", "{missing}.mlpackage", "--samples", "0"] },
        { "--inputs", ["compare", "{missing}.onnx", "{missing}.mlpackage", "--inputs", "{missing}"] },
        { "--inputs", ["run", "{missing}.onnx", "-o", "{missing}", "--inputs", "{missing}"] },
        { "--budget", ["convert", "{missing}.onnx", "-o", "{missing}.mlpackage", "--precision", "auto", "--budget", "0"] },
        { "--samples", ["convert", "{missing}.onnx", "-o", "{missing}.mlpackage", "--precision", "auto", "--samples", "0"] },
        { "--rtol", ["convert", "{missing}.onnx", "-o", "{missing}.mlpackage", "--precision", "auto", "--rtol", "y:"] },
        { "--target", ["convert", "{missing}.onnx", "-o", "{missing}.mlpackage", "--target", "iOS9"] },
        { "Cannot write", ["inspect", "{missing}.onnx", "--json", "{missing}/no/such/folder.json"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void TheOptionIsRefusedBeforeTheModelIsRead(string expected, string[] args)
    {
        using var temp = new TempFolder();
        var r = CliRunner.Run([.. args.Select(a => a.Replace("{missing}", temp["missing"], StringComparison.Ordinal))]);
        Assert.Equal(3, r.Exit);
        Assert.Contains(expected, r.Err);
        Assert.DoesNotContain("ONNX1001", r.Err);
    }
}
