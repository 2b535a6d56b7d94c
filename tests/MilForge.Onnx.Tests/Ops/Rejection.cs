using MilForge.Diagnostics;
using MilForge.Onnx.Reading;
using MilForge.Precision;

namespace MilForge.Onnx.Tests.Ops;

/// <summary>Asserts that MilForge refuses a case with a clear diagnostic (cases Core ML cannot express).</summary>
internal static class Rejection
{
    public static DiagnosticException Assert(NodeCase c, string code, string messagePart)
    {
        var model = OnnxModel.Parse(c.ModelBytes(), null, c.ToString());
        var e = Xunit.Assert.Throws<DiagnosticException>(() => OnnxConversion.Import(model));
        Xunit.Assert.Equal(code, e.Code);
        Xunit.Assert.Contains(messagePart, e.Message, StringComparison.Ordinal);
        return e;
    }
}
