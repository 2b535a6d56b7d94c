using System.Security.Cryptography;
using System.Text;
using Google.Protobuf;
using MilForge.CoreML.Package;
using MilForge.CoreML.Protos;

namespace MilForge.CoreML.Tests;

/// <summary>
/// The package of <see cref="TestPrograms.Tiny"/> as reviewable text: Manifest.json, the Model protobuf as JSON and
/// the SHA-256 of weight.bin. Any change to the bytes MilForge writes shows up here (UPDATE_GOLDEN=1 accepts it).
/// </summary>
public class GoldenPackageTests
{
    [Fact]
    public void TinyPackageGolden()
    {
        var files = MlPackageWriter.BuildFiles(TestPrograms.Tiny());
        var model = Model.Parser.ParseFrom(files["Data/com.apple.CoreML/model.mlmodel"]);
        var json = new JsonFormatter(JsonFormatter.Settings.Default.WithIndentation("  ")).Format(model);
        var text = new StringBuilder()
            .Append("== Manifest.json\n").Append(Encoding.UTF8.GetString(files["Manifest.json"]))
            .Append("== Data/com.apple.CoreML/model.mlmodel (").Append(files["Data/com.apple.CoreML/model.mlmodel"].Length).Append(" bytes) as JSON\n")
            .Append(json).Append('\n')
            .Append("== Data/com.apple.CoreML/weights/weight.bin\n")
            .Append(files["Data/com.apple.CoreML/weights/weight.bin"].Length).Append(" bytes, sha256 ")
            .Append(Convert.ToHexStringLower(SHA256.HashData(files["Data/com.apple.CoreML/weights/weight.bin"]))).Append('\n');
        Golden.AssertMatches("tests/MilForge.CoreML.Tests/Golden/tiny_package.txt", text.ToString());
    }
}
