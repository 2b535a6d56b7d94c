using System.Reflection;

namespace MilForge.Onnx.Tests.Fp16;

/// <summary>
/// Every FP32 differential case of every ONNX op, converted in FP16 (the default) and compared with ONNX Runtime's
/// FP32 result within the op's entry of <see cref="Fp16Tolerances"/> (each with its reason). Cases whose reference
/// FP16 cannot represent (beyond ±65504, NaN/Inf) test FP32 behaviour only and are counted, not run.
/// </summary>
public class Fp16OracleTests
{
    public static TheoryData<string> OpTestClasses() => [.. CaseSources().Select(t => t.Name)];

    private static IEnumerable<Type> CaseSources() => typeof(Fp16OracleTests).Assembly.GetTypes()
        .Where(t => t.GetMethod("Cases", BindingFlags.Public | BindingFlags.Static)?.ReturnType == typeof(TheoryData<NodeCase>))
        .OrderBy(t => t.Name, StringComparer.Ordinal);

    [Theory]
    [MemberData(nameof(OpTestClasses))]
    public void CasesMatchOnnxRuntimeInFp16(string testClass)
    {
        var type = CaseSources().Single(t => t.Name == testClass);
        var data = (IEnumerable<ITheoryDataRow>)type.GetMethod("Cases", BindingFlags.Public | BindingFlags.Static)!.Invoke(null, null)!;
        var cases = data.Select(row => (NodeCase)row.GetData()[0]!).ToList();
        var checkedCases = cases.Count(OnnxOracle.AssertMatchesFp16);
        Assert.True(checkedCases > 0 || cases.Count == 0, $"{testClass}: none of its {cases.Count} cases is representable in FP16");
    }
}
