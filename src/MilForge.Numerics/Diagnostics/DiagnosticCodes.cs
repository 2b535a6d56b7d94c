namespace MilForge.Diagnostics;

/// <summary>
/// Every diagnostic code MilForge emits, grouped by layer: <c>ONNX1xxx</c> reading and importing ONNX,
/// <c>MIL2xxx</c> MIL typing and verification, <c>PKG3xxx</c> Core ML packages, <c>RUN4xxx</c> the interpreter,
/// <c>PRC5xxx</c> precision tools, <c>CLI6xxx</c> command-line usage and files.
/// </summary>
public static class DiagnosticCodes
{
    /// <summary>The ONNX file is missing, unreadable or not a valid ModelProto.</summary>
    public const string OnnxMalformed = "ONNX1001";
    /// <summary>The model uses op types MilForge cannot convert (listed with counts and node names).</summary>
    public const string OnnxUnsupportedOp = "ONNX1002";
    /// <summary>External data refers to a path outside the model's folder, or to an absolute path.</summary>
    public const string OnnxExternalDataPath = "ONNX1003";
    /// <summary>External data is missing or shorter than the tensor needs.</summary>
    public const string OnnxExternalDataMissing = "ONNX1004";
    /// <summary>A node's attribute is missing, of the wrong type, or has a value the converter does not support.</summary>
    public const string OnnxBadAttribute = "ONNX1005";
    /// <summary>An input that the converter needs at conversion time (a shape, axes, pads...) is not constant.</summary>
    public const string OnnxNotConstant = "ONNX1006";
    /// <summary>A tensor element type is not supported.</summary>
    public const string OnnxUnsupportedType = "ONNX1007";
    /// <summary>The graph is malformed: an undefined input, a duplicate output, a cycle, a bad tensor payload.</summary>
    public const string OnnxBadGraph = "ONNX1008";
    /// <summary>The model's opset for a domain is older than MilForge supports.</summary>
    public const string OnnxOpsetTooOld = "ONNX1009";
    /// <summary>A converter failed on a node (the message names the node and what went wrong).</summary>
    public const string OnnxConversionFailed = "ONNX1010";
    /// <summary>A shape or value given for a graph input does not fit it (unknown input, rank, a fixed dim, not a scalar).</summary>
    public const string OnnxBadInputSpec = "ONNX1011";
    /// <summary>A graph input keeps symbolic dims (warning: the package declares them flexible; name a shape with --input).</summary>
    public const string OnnxSymbolicInput = "ONNX1012";
    /// <summary>A graph output cannot keep its ONNX name in the package (it is a graph input of the same name).</summary>
    public const string OnnxRenamedOutput = "ONNX1013";

    /// <summary>An op input has a type outside its type domain, or inputs sharing a type variable disagree.</summary>
    public const string MilTypeMismatch = "MIL2001";
    /// <summary>Shapes are incompatible or an axis/index is out of range.</summary>
    public const string MilBadShape = "MIL2002";
    /// <summary>The op is not available at the program's deployment target.</summary>
    public const string MilOpUnavailable = "MIL2003";
    /// <summary>The op type is not in MilForge's MIL op catalog.</summary>
    public const string MilUnknownOp = "MIL2004";
    /// <summary>The program is not well formed (undefined value, duplicate name, missing required input, bad identifier).</summary>
    public const string MilMalformed = "MIL2005";
    /// <summary>A parameter that must be a compile-time constant is not.</summary>
    public const string MilNotConstant = "MIL2006";
    /// <summary>A float constant overflows FP16 (reported with the action taken).</summary>
    public const string MilFp16Overflow = "MIL2101";
    /// <summary>Non-zero float constants flush to zero in FP16.</summary>
    public const string MilFp16Underflow = "MIL2102";

    /// <summary>The package layout or Manifest.json is invalid.</summary>
    public const string PkgBadManifest = "PKG3001";
    /// <summary>A path in the package escapes the package folder.</summary>
    public const string PkgPathEscape = "PKG3002";
    /// <summary>weight.bin is corrupt: bad header, sentinel, dtype, offset or size.</summary>
    public const string PkgBadBlob = "PKG3003";
    /// <summary>model.mlmodel is not a valid Model protobuf or holds no ML Program.</summary>
    public const string PkgBadModel = "PKG3004";
    /// <summary>The package could not be written.</summary>
    public const string PkgWriteFailed = "PKG3005";
    /// <summary>The program uses a type or value the Core ML format cannot express.</summary>
    public const string PkgUnsupported = "PKG3006";

    /// <summary>An input is missing, has the wrong shape, or cannot be cast to the declared type.</summary>
    public const string RunBadInput = "RUN4001";
    /// <summary>The interpreter has no kernel for an op.</summary>
    public const string RunNoKernel = "RUN4002";
    /// <summary>An op failed while running (e.g. an index out of range in gather).</summary>
    public const string RunOpFailed = "RUN4003";

    /// <summary>The reference and the candidate disagree on output names, count or shape.</summary>
    public const string PrcOutputMismatch = "PRC5001";
    /// <summary>A precision plan file is malformed.</summary>
    public const string PrcBadPlan = "PRC5002";
    /// <summary>The mixed-precision search found no plan within its budget that matches FP32.</summary>
    public const string PrcSearchUnverified = "PRC5003";

    /// <summary>Bad command-line usage: a missing or invalid argument or option.</summary>
    public const string CliUsage = "CLI6001";
    /// <summary>An input file or folder is missing or unreadable.</summary>
    public const string CliBadFile = "CLI6002";
    /// <summary>A test-data file (.pb or .npy) is malformed.</summary>
    public const string CliBadTensorFile = "CLI6003";
    /// <summary>An output path holds something MilForge will not replace (not a package it wrote, a file where a folder goes, or the reverse); nothing was changed.</summary>
    public const string CliOutputExists = "CLI6004";
    /// <summary>An output cannot be written: its folder is missing, unwritable or a file, or its name is not a valid file name.</summary>
    public const string CliCannotWrite = "CLI6005";

    /// <summary>All codes with a one-line description, for documentation and the <c>list-codes</c> listing.</summary>
    public static IReadOnlyDictionary<string, string> All { get; } = typeof(DiagnosticCodes)
        .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
        .Where(f => f.IsLiteral)
        .ToDictionary(f => (string)f.GetRawConstantValue()!, f => f.Name);
}
