using System.Net;
using DsccSimulator.Tests.Infrastructure;

namespace DsccSimulator.Tests;

/// <summary>
/// Every response the simulator produces is checked against the spec schema its operation declares: property
/// names, JSON types, enum values and required properties (see <see cref="SpecAssert"/>).
/// </summary>
public sealed class SpecConformanceTests : IAsyncLifetime
{
    private TestSimulator sim;

    private string token;

    private Dictionary<string, string> ids;

    public async Task InitializeAsync()
    {
        sim = await TestSimulator.StartAsync();
        token = await sim.TokenAsync();
        ids = new Dictionary<string, string>
        {
            ["dt1"] = await Fleet.SystemIdAsync(sim, token, Fleet.PrimeraLab01),
            ["dt2"] = await Fleet.SystemIdAsync(sim, token, Fleet.NimbleProd01),
            ["dt4"] = await Fleet.SystemIdAsync(sim, token, Fleet.AlletraMp01),
        };
        foreach (var key in new[] { "dt1", "dt2", "dt4" })
        {
            var system = $"/api/v1/storage-systems/{ids[key]}";
            ids[key + "vol"] = Fleet.Ids(await sim.GetAsync(system + "/volumes?limit=1", token))[0];
            ids[key + "pool"] = Fleet.Ids(await sim.GetAsync(system + "/storage-pools", token))[0];
        }
    }

    public async Task DisposeAsync() => await sim.DisposeAsync();

    [Theory]
    [InlineData("/api/v1/storage-systems", "storageSystemSummaryList")]
    [InlineData("/api/v1/storage-systems/{dt1}", "storageSystemDetail")]
    [InlineData("/api/v1/storage-systems/{dt2}", "storageSystemDetail")]
    [InlineData("/api/v1/storage-systems/device-type1", "primeraStorageSystemList")]
    [InlineData("/api/v1/storage-systems/device-type1/{dt1}", "primeraStorageSystemDetail")]
    [InlineData("/api/v1/storage-systems/device-type2", "NimbleStorageSystemSummaryList")]
    [InlineData("/api/v1/storage-systems/device-type2/{dt2}", "NimbleStorageSystemDetailsWithRequestUri")]
    [InlineData("/api/v1/storage-systems/device-type4", "arcusStorageSystemList")]
    [InlineData("/api/v1/storage-systems/device-type4/{dt4}", "arcusStorageSystemDetail")]
    [InlineData("/api/v1/storage-systems/{dt1}/storage-pools", "storagePoolsFleetSummaryList")]
    [InlineData("/api/v1/storage-systems/{dt2}/storage-pools", "storagePoolsFleetSummaryList")]
    [InlineData("/api/v1/storage-systems/device-type1/{dt1}/storage-pools", "primeraPoolsSummaryList")]
    [InlineData("/api/v1/storage-systems/device-type1/{dt1}/storage-pools/{dt1pool}", "primeraPoolDetails")]
    [InlineData("/api/v1/storage-systems/device-type4/{dt4}/storage-pools", "arcusPoolsSummaryList")]
    [InlineData("/api/v1/storage-systems/device-type4/{dt4}/storage-pools/{dt4pool}", "arcusPoolDetails")]
    [InlineData("/api/v1/storage-systems/device-type2/{dt2}/storage-pools", "NimblePoolsList")]
    [InlineData("/api/v1/storage-systems/device-type2/{dt2}/storage-pools/{dt2pool}",
        "NimblePoolDetailsWithRequestUri")]
    [InlineData("/api/v1/volumes?limit=1000", "fleetVolumesList")]
    [InlineData("/api/v1/volumes/{dt1vol}", "fleetVolumeDetails")]
    [InlineData("/api/v1/volumes/{dt2vol}", "fleetVolumeDetails")]
    [InlineData("/api/v1/storage-systems/{dt4}/volumes", "fleetVolumesList")]
    [InlineData("/api/v1/storage-systems/device-type1/{dt1}/volumes", "PrimeraVolumesList")]
    [InlineData("/api/v1/storage-systems/device-type1/{dt1}/volumes/{dt1vol}", "PrimeraVolumeDetails")]
    [InlineData("/api/v1/storage-systems/device-type2/{dt2}/volumes", "NimbleVolumesList")]
    [InlineData("/api/v1/storage-systems/device-type2/{dt2}/volumes/{dt2vol}", "NimbleVolumeDetails")]
    [InlineData("/api/v1/storage-systems/device-type4/{dt4}/volumes", "ArcusVolumesList")]
    [InlineData("/api/v1/storage-systems/device-type4/{dt4}/volumes/{dt4vol}", "ArcusVolumeDetails")]
    [InlineData("/api/v1/storage-systems/NOPE", "errorResponse")]
    public async Task ReadsMatchTheirSpecSchema(string pathTemplate, string schema)
    {
        var path = ids.Aggregate(pathTemplate, (p, id) => p.Replace("{" + id.Key + "}", id.Value));

        var reply = await sim.GetAsync(path, token);

        Assert.True(reply.Status is HttpStatusCode.OK or HttpStatusCode.NotFound, $"{path}: {reply.Status}");
        SpecAssert.Conforms(reply.Json, schema);
    }

    [Fact]
    public async Task TaskResponsesMatchTheirSpecSchemas()
    {
        var submitted = await sim.PostJsonAsync($"/api/v1/storage-systems/device-type1/{ids["dt1"]}/volumes", token,
            """{"name":"conform","userCpg":"SSD_r6","sizeMib":1024}""");
        var failedSubmit = await sim.PostJsonAsync($"/api/v1/storage-systems/device-type2/{ids["dt2"]}/volumes", token,
            """{"name":"conform","size":1024,"pool_id":"nope"}""");
        SpecAssert.Conforms(submitted.Json, "taskResponse");
        SpecAssert.Conforms((await sim.GetAsync(submitted.Str("taskUri"), token)).Json, "Task");

        sim.Clock.Advance(TimeSpan.FromSeconds(5));
        SpecAssert.Conforms((await sim.GetAsync(submitted.Str("taskUri"), token)).Json, "Task");

        sim.Clock.Advance(TimeSpan.FromSeconds(5));
        SpecAssert.Conforms((await sim.GetAsync(submitted.Str("taskUri"), token)).Json, "Task");
        var failed = await sim.GetAsync(failedSubmit.Str("taskUri"), token);
        Assert.Equal("FAILED", failed.Str("state"));
        SpecAssert.Conforms(failed.Json, "Task");
        SpecAssert.Conforms((await sim.GetAsync("/api/v1/tasks", token)).Json, "TaskList");
    }

    [Fact]
    public async Task ErrorResponsesMatchTheirSpecSchemas()
    {
        SpecAssert.Conforms((await sim.GetAsync("/api/v1/tasks", null)).Json, "TasksUnauthenticated");
        SpecAssert.Conforms((await sim.GetAsync("/api/v1/volumes", null)).Json, "errorResponse");
        var badLimit = await sim.GetAsync("/api/v1/volumes?limit=x", token);
        SpecAssert.Conforms(badLimit.Json, "errorResponse");
    }

    [Theory]
    [InlineData("""{"error":"e","errorCode":"400","traceId":"t"}""", "errorResponse")]
    [InlineData("""{"error":"e","errorCode":400}""", "errorResponse")]
    [InlineData("""{"error":"e","errorCode":"NOT_FOUND"}""", "TasksNotFound")]
    [InlineData("""{"items":[],"total":"1"}""", "fleetVolumesList")]
    [InlineData("""{"state":"BROKEN"}""", "storageSystemDetail")]
    public void TheValidatorItselfRejectsWhatTheSpecDoesNotAllow(string json, string schema)
    {
        using var document = System.Text.Json.JsonDocument.Parse(json);

        Assert.NotEmpty(SpecAssert.Violations(document.RootElement, schema));
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => SpecAssert.Conforms(document.RootElement, schema));
    }
}
