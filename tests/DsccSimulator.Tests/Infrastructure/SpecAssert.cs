using System.Text.Json;
using DsccSimulator.Validation;

namespace DsccSimulator.Tests.Infrastructure;

/// <summary>Checks a JSON value against one named spec schema, closed to undeclared properties.</summary>
public static class SpecAssert
{
    public static void Conforms(JsonElement value, string schemaName)
    {
        var violations = Violations(value, schemaName);
        Assert.True(violations.Count == 0,
            $"Not a valid {schemaName}:\n  " + string.Join("\n  ", violations.Select(v => v.Message)));
    }

    public static IReadOnlyList<SchemaViolation> Violations(JsonElement value, string schemaName) =>
        SpecModel.LoadEmbedded().Schemas.ValidateComponent(value, schemaName);
}
