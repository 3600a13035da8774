using System.Text.Json;
using DsccSimulator.Tests.Infrastructure;
using DsccSimulator.Validation;

namespace DsccSimulator.Tests;

/// <summary>
/// The spec model the build compiled from the YAML: complete, and converted from OpenAPI 3.0 to JSON Schema 2020-12
/// with OpenAPI's meaning (nullable, open maps, integer formats) intact.
/// </summary>
public sealed class SpecModelTests
{
    private static readonly SpecModel Spec = SpecModel.LoadEmbedded();

    [Fact]
    public void TheModelHoldsEveryOperationOfTheSpecWithResolvableSchemas()
    {
        var bodies = Spec.Operations.SelectMany(o => o.Responses.Values.Append(o.Request)).OfType<SpecBody>();

        Assert.Equal("1.4.0", Spec.Version);
        Assert.Equal(596, Spec.Operations.Count);
        Assert.Equal(596, Spec.Operations.Select(o => o.OperationId).Distinct().Count());
        Assert.All(bodies.Where(b => b.HasContent), b => Assert.True(Spec.Schemas.Contains(b.SchemaKey), b.SchemaKey));
        Assert.Equal(219, Spec.Operations.Count(o => o.Request is { HasContent: true }));
    }

    [Theory]
    [InlineData("GET", "/api/v1/tasks/{taskId}", "GetTask")]
    [InlineData("get", "/api/v1/storage-systems/{x:guid}", "SystemGetById")]
    [InlineData("GET", "/api/v1/storage-systems/device-type1", "DeviceType1SystemsList")]
    [InlineData("POST", "/api/v1/storage-systems/device-type2/{id}/volumes", "DeviceType2VolumesCreate")]
    [InlineData("DELETE", "/api/v1/tasks", null)]
    public void OperationsAreFoundByMethodAndTemplateWhateverTheParameterNames(
        string method, string template, string operationId) =>
        Assert.Equal(operationId, Spec.Find(method, template)?.OperationId);

    [Theory]
    [InlineData("null", "EditSourcePartner", true)]
    [InlineData("""{"hostname":"h","pool_id":"p"}""", "EditSourcePartner", true)]
    [InlineData("\"h\"", "EditSourcePartner", false)]
    [InlineData("""{"hostname":"h","folder":"f"}""", "EditSourcePartner", false)]
    [InlineData("""{"error":null,"parentTask":null,"endedAt":null}""", "Task", true)]
    [InlineData("""{"endedAt":7}""", "Task", false)]
    [InlineData("""{"tierType":null}""", "storageSystemDetail", true)]
    [InlineData("""{"state":null}""", "storageSystemDetail", false)]
    public void NullableKeepsItsOpenApiMeaning(string json, string schema, bool valid) =>
        Assert.Equal(valid, SpecAssert.Violations(Parse(json), schema).Count == 0);

    [Theory]
    [InlineData("""{"iSNSTcpPort":3260}""", true)]
    [InlineData("""{"iSNSTcpPort":2147483648}""", false)]
    [InlineData("""{"iSNSTcpPort":-1}""", true)]
    public void Int32IsARange(string json, bool valid)
    {
        var violations = SpecAssert.Violations(Parse(json), "portISCSI");

        Assert.Equal(valid, violations.Count == 0);
        Assert.All(violations, v => Assert.Contains("int32", v.Message));
    }

    [Fact]
    public void MapsStayOpenButTheirValuesAreChecked()
    {
        var map = Parse("""{"features":{"any-name":[{}],"other":[]}}""");
        var badValue = Parse("""{"features":{"any-name":"all"}}""");

        Assert.Empty(SpecAssert.Violations(map, "ArcusLicenses"));
        Assert.Equal("features.any-name", Assert.Single(SpecAssert.Violations(badValue, "ArcusLicenses")).Field);
    }

    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();
}
