using MilForge.Diagnostics;
using MilForge.Mil.Ops;
using MilForge.Numerics;

namespace MilForge.Mil.Building;

/// <summary>Checks an op's bindings against its input spec: type domains, shared type variables and constness.</summary>
internal static class TypeChecker
{
    public static void Check(OpInputs context)
    {
        var variables = new Dictionary<string, (DataType Type, string Input)>(StringComparer.Ordinal);
        foreach (var spec in context.Definition.Inputs)
        {
            if (!context.Arguments.TryGetValue(spec.Name, out var argument))
            {
                continue;
            }
            foreach (var value in argument.Values)
            {
                if (value.Type is not TensorType tensor)
                {
                    continue;
                }
                if (!spec.Domain.Allows(tensor.DataType))
                {
                    throw context.TypeError($"input '{spec.Name}' (%{value.Name}) is {tensor.DataType.MilName()}, but must be one of {spec.Domain}");
                }
                if (spec.Domain.Variable is { } variable)
                {
                    if (variables.TryGetValue(variable, out var seen) && seen.Type != tensor.DataType)
                    {
                        throw context.TypeError($"inputs '{seen.Input}' ({seen.Type.MilName()}) and '{spec.Name}' ({tensor.DataType.MilName()}) must have the same type {variable}");
                    }
                    variables[variable] = (tensor.DataType, spec.Name);
                }
                // A constexpr_* op's output is a compile-time constant too (coremltools accepts it for const inputs).
                if (spec.IsConst && !value.IsConstant && value.Producer?.Definition is not Ops.Constexpr.ConstexprOp)
                {
                    throw new DiagnosticException(DiagnosticCodes.MilNotConstant,
                        $"{context.Definition.Name} '{context.OpName}': input '{spec.Name}' (%{value.Name}) must be a compile-time constant.",
                        context.Origin);
                }
            }
        }
    }
}
