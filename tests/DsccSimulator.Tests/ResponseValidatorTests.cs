using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DsccSimulator.Faults;
using DsccSimulator.Tests.Infrastructure;
using DsccSimulator.Validation;

namespace DsccSimulator.Tests;

/// <summary>
/// The response validator every test's client runs (JsonSchema.Net on the compiled spec model), tried on
/// hand-made bodies for real spec schemas: it must reject what the spec does not allow and name the field.
/// </summary>
public sealed class ResponseValidatorTests
{
    /// <summary>A Task as the simulator sends one: every property declared by CommonResourceProperties or
    /// TaskProperties, nested ResourceReferences and a nullable ErrorResponse.</summary>
    private const string ValidTask = """
        {"id":"0b3c3a5e-0d8e-4f5e-9b1a-2b6f3f1e9c01","name":"Create Volume","type":"task","generation":3,
         "customerId":"c1","resourceUri":"/api/v1/tasks/0b3c3a5e-0d8e-4f5e-9b1a-2b6f3f1e9c01",
         "createdAt":"2025-01-06T12:00:00.000Z","updatedAt":"2025-01-06T12:00:01.000Z","state":"FAILED",
         "progressPercent":10,"healthStatus":"ERROR","displayName":"Create Volume t",
         "associatedResources":[{"name":"t","resourceUri":"/api/v1/volumes/1","type":"volume"}],
         "error":{"error":"CPG 'x' does not exist","errorCode":"NOT_FOUND",
                  "traceId":"f57dcca3345820eb579c9317ce36dd92"},
         "logMessages":[{"message":"Task failed","timestampAt":"2025-01-06T12:00:01.000Z"}]}
        """;

    private const string ValidVolume = """
        {"id":"a1","name":"vol-0001","systemId":"7CE729P013","sizeMiB":1024,"usedSizeMiB":0,"healthState":"OK",
         "associatedLinks":[{"type":"systems","resourceUri":"/api/v1/storage-systems/7CE729P013"}]}
        """;

    [Theory]
    [InlineData(ValidTask, "Task")]
    [InlineData(ValidVolume, "fleetVolumeDetails")]
    [InlineData("""{"taskUri":"/api/v1/tasks/1","status":"SUBMITTED","message":"Successfully submitted"}""",
        "taskResponse")]
    [InlineData("""{"error":"e","errorCode":"NOT_FOUND","traceId":"f57dcca3345820eb579c9317ce36dd92"}""",
        "TasksNotFound")]
    public void RealisticBodiesConform(string json, string schema) =>
        Assert.Empty(SpecAssert.Violations(Parse(json), schema));

    [Theory]
    [InlineData(ValidTask, "Task", "bogus")]
    [InlineData(ValidVolume, "fleetVolumeDetails", "sizeGiB")]
    [InlineData("""{"error":"e","errorCode":"400"}""", "errorResponse", "traceId")]
    public void AnExtraPropertyIsRejectedByName(string json, string schema, string extra)
    {
        var body = JsonNode.Parse(json).AsObject();
        body[extra] = "x";

        var violation = Assert.Single(SpecAssert.Violations(Parse(body), schema));

        Assert.Equal($"Unknown property '{extra}': the schema does not define it.", violation.Message);
        Assert.Equal("/" + extra, violation.Pointer);
    }

    [Fact]
    public void AnExtraPropertyDeepInsideIsRejectedWithItsPath()
    {
        var task = JsonNode.Parse(ValidTask).AsObject();
        task["associatedResources"][0]["sizeMiB"] = 1;
        task["error"]["details"] = "more";

        var violations = SpecAssert.Violations(Parse(task), "Task");

        Assert.Equal(
            new[] { "associatedResources[0].sizeMiB", "error.details" },
            violations.Select(v => v.Field).Order(StringComparer.Ordinal));
        Assert.All(violations, v => Assert.StartsWith("Unknown property", v.Message));
    }

    [Theory]
    [InlineData(ValidTask, "Task", "progressPercent", "\"10\"", "must be an integer, not the string \"10\"")]
    [InlineData(ValidTask, "Task", "associatedResources", "{}", "must be an array, not an object")]
    [InlineData(ValidVolume, "fleetVolumeDetails", "sizeMiB", "\"1024\"",
        "must be a number or null, not the string \"1024\"")]
    [InlineData(ValidVolume, "fleetVolumeDetails", "associatedLinks", "[{\"type\":7}]",
        "must be a string or null, not the number 7")]
    public void AWrongTypeIsRejectedAndNothingElse(
        string json, string schema, string property, string value, string expected)
    {
        var body = JsonNode.Parse(json).AsObject();
        body[property] = JsonNode.Parse(value);

        var violation = Assert.Single(SpecAssert.Violations(Parse(body), schema));

        // Only the wrong value: the properties beside it are declared and must not be reported as unknown.
        Assert.EndsWith(expected + ".", violation.Message);
        Assert.StartsWith(property, violation.Field);
    }

    [Theory]
    [InlineData("""{"status":"SUBMITTED"}""", "taskResponse", "taskUri")]
    [InlineData("""{"total":0}""", "TaskList", "items")]
    [InlineData("""{"error":{"error":"e","errorCode":"NOT_FOUND"}}""", "Task", "error.traceId")]
    [InlineData("""{"error":"e","errorCode":"NOT_FOUND"}""", "TasksNotFound", "traceId")]
    public void AMissingRequiredPropertyIsRejectedByName(string json, string schema, string missing)
    {
        var violations = SpecAssert.Violations(Parse(json), schema);

        Assert.Contains(violations, v => v.Message == $"Missing required property '{missing}'.");
    }

    [Fact]
    public void EnumsAndFormatsAreEnforced()
    {
        var task = JsonNode.Parse(ValidTask).AsObject();
        task["createdAt"] = "yesterday";

        var system = SpecAssert.Violations(Parse("""{"state":"BROKEN"}"""), "storageSystemDetail");
        var badTime = Assert.Single(SpecAssert.Violations(Parse(task), "Task"));

        Assert.Equal("Property 'state' must be one of \"NORMAL\", \"DEGRADED\", not the string \"BROKEN\".",
            Assert.Single(system).Message);
        Assert.Equal("createdAt", badTime.Field);
        Assert.Contains("date-time", badTime.Message);
    }

    [Fact]
    public void ResponsesAreCheckedAgainstTheDeclaredStatusOrDefault()
    {
        var spec = SpecModel.LoadEmbedded();
        var getTask = spec.Find("GET", "/api/v1/tasks/{id}");
        var createVolume = spec.Find("POST", "/api/v1/storage-systems/device-type1/{systemId}/volumes");
        var storageError = Encoding.UTF8.GetBytes("""{"error":"e","errorCode":"404"}""");

        var undeclared = SpecValidatingHandler.Check(getTask, 418, storageError, "application/json");
        var wrongErrorSchema = SpecValidatingHandler.Check(getTask, 404, storageError, "application/json");
        var viaDefault = SpecValidatingHandler.Check(createVolume, 404, storageError, "application/json");
        var notJson = SpecValidatingHandler.Check(createVolume, 404, storageError, "text/plain");

        Assert.Equal("GetTask", getTask.OperationId);
        Assert.Equal(["The spec declares no 418 response for this operation, and no default."], undeclared);
        Assert.Equal(["TasksNotFound: Missing required property 'traceId'."], wrongErrorSchema);
        Assert.Empty(viaDefault);
        Assert.Equal("default", createVolume.DeclaredStatusFor(404));
        Assert.Single(notJson);
    }

    [Fact]
    public async Task OnlyFaultMarkedAnswersPassUncheckedAndUnread()
    {
        // GetTask declares no 418. The marked answer's body fails when read, so passing proves it was neither
        // checked nor buffered; the same answer unmarked (with a readable body) is a spec violation.
        using var marked = new HttpMessageInvoker(new SpecValidatingHandler(new FixedAnswer(marked: true)));
        using var unmarked = new HttpMessageInvoker(new SpecValidatingHandler(new FixedAnswer(marked: false)));
        HttpRequestMessage Request() => new(HttpMethod.Get, "http://sim/api/v1/tasks/1");

        using var passed = await marked.SendAsync(Request(), CancellationToken.None);
        var refused = await Assert.ThrowsAsync<SpecViolationException>(
            () => unmarked.SendAsync(Request(), CancellationToken.None));

        Assert.Equal(418, (int)passed.StatusCode);
        Assert.Contains("declares no 418 response", refused.Message);
    }

    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();

    private static JsonElement Parse(JsonNode node) => Parse(node.ToJsonString());

    /// <summary>
    /// Answers 418: marked as a simulator fault with a body that fails when read, or unmarked with a storage error.
    /// </summary>
    private sealed class FixedAnswer(bool marked) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(
            HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = new HttpResponseMessage((System.Net.HttpStatusCode)418)
            {
                Content = marked
                    ? new UnreadableContent()
                    : new StringContent("""{"error":"e","errorCode":"418"}""", Encoding.UTF8, "application/json"),
            };
            if (marked)
            {
                response.Headers.Add(FaultResponses.FaultHeader, "status");
            }

            return Task.FromResult(response);
        }
    }

    private sealed class UnreadableContent : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext context) =>
            throw new InvalidOperationException("The body was read.");

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
