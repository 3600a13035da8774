using System.Net;
using DsccSimulator.Tests.Infrastructure;

namespace DsccSimulator.Tests;

/// <summary>
/// One simulator with every lifecycle object in place (exported volumes, snapshots, clones, access control records,
/// a failed task), shared by the conformance checks below.
/// </summary>
public sealed class LifecycleFleetFixture : IAsyncLifetime
{
    public TestSimulator Sim { get; private set; }

    public string Token { get; private set; }

    /// <summary>Placeholders for the path templates: {dt1}, {dt1vol}, {dt1snap}, {dt1vlun}, {dt2acr}, ...</summary>
    public Dictionary<string, string> Ids { get; } = [];

    /// <summary>Task URIs of a failed delete and of each kind of accepted submission, for the task checks.</summary>
    public List<Reply> Submissions { get; } = [];

    public string FailedTaskUri { get; private set; }

    public async Task InitializeAsync()
    {
        Sim = await TestSimulator.StartAsync();
        Token = await Sim.TokenAsync();
        var group = Lifecycle.HostGroupId(Sim, "esx-cluster-prod");

        foreach (var family in new[] { "device-type1", "device-type2", "device-type4" })
        {
            var key = "dt" + family[^1];
            var volume = await Lifecycle.SeededVolumeAsync(Sim, Token, family, Lifecycle.SystemNameOf(family));
            Ids[key] = volume.SystemId;
            Ids[key + "vol"] = volume.Id;
            var nimble = family == "device-type2";

            var exportBody = nimble
                ? $$"""{"host_groups":[{"host_group_id":"{{group}}"}]}"""
                : $$"""{"hostGroupIds":["{{group}}"]}""";
            var snapshotBody = nimble ? """{"name":"s1"}""" : """{"namePattern":"CUSTOM","customName":"s1"}""";
            var cloneBody = nimble ? """{"clone_volume_name":"c1"}""" : """{"destinationVolume":"c1","online":true}""";
            Submissions.Add(await Sim.PostJsonAsync(volume.Path + "/export", Token, exportBody));
            Submissions.Add(await Sim.PostJsonAsync(volume.Path + "/snapshots", Token, snapshotBody));
            Submissions.Add(await Sim.PostJsonAsync(volume.Path + "/clone", Token, cloneBody));
            var shrink = nimble ? """{"size":1}""" : """{"sizeMib":1}""";
            Submissions.Add(await Sim.PutJsonAsync(volume.Path, Token, shrink));
            Sim.Clock.Advance(Lifecycle.TaskDuration);

            Ids[key + "snap"] = Fleet.Ids(await Sim.GetAsync(volume.Path + "/snapshots", Token))[0];
            var exports = await Sim.GetAsync(
                nimble ? volume.SystemPath + "/access-control-records" : volume.Path + "/vluns", Token);
            Ids[key + (nimble ? "acr" : "vlun")] = Fleet.Ids(exports)[0];
        }

        var failed = await Sim.DeleteAsync($"/api/v1/storage-systems/device-type1/{Ids["dt1"]}/volumes/{Ids["dt1vol"]}",
            Token);
        Submissions.Add(failed);
        Sim.Clock.Advance(Lifecycle.TaskDuration);
        FailedTaskUri = failed.Str("taskUri");
    }

    public async Task DisposeAsync() => await Sim.DisposeAsync();
}

/// <summary>Every lifecycle response is checked against the schema its operation declares in the spec.</summary>
public sealed class VolumeLifecycleConformanceTests(LifecycleFleetFixture fleet) : IClassFixture<LifecycleFleetFixture>
{
    private const string Dt1 = "/api/v1/storage-systems/device-type1/{dt1}";

    private const string Dt2 = "/api/v1/storage-systems/device-type2/{dt2}";

    private const string Dt4 = "/api/v1/storage-systems/device-type4/{dt4}";

    [Theory]
    [InlineData(Dt1 + "/volumes/{dt1vol}", "PrimeraVolumeDetails")]
    [InlineData(Dt1 + "/volumes?limit=1000", "PrimeraVolumesList")]
    [InlineData(Dt1 + "/volumes/{dt1vol}/snapshots", "snapshotsSummaryList")]
    [InlineData(Dt1 + "/volumes/{dt1vol}/snapshots/{dt1snap}", "snapshotsListSingle")]
    [InlineData(Dt1 + "/volumes/{dt1vol}/vluns", "vlunsSummaryList")]
    [InlineData(Dt1 + "/volumes/{dt1vol}/vluns/{dt1vlun}", "vlunsListSingle")]
    [InlineData(Dt1 + "/volumes/{dt1vol}/clones", "PrimeraVolumesList")]
    [InlineData(Dt4 + "/volumes/{dt4vol}", "ArcusVolumeDetails")]
    [InlineData(Dt4 + "/volumes?limit=1000", "ArcusVolumesList")]
    [InlineData(Dt4 + "/volumes/{dt4vol}/snapshots", "ArcussnapshotsSummaryList")]
    [InlineData(Dt4 + "/volumes/{dt4vol}/snapshots/{dt4snap}", "ArcussnapshotsListSingle")]
    [InlineData(Dt4 + "/volumes/{dt4vol}/vluns", "ArcusvlunsSummaryList")]
    [InlineData(Dt4 + "/volumes/{dt4vol}/vluns/{dt4vlun}", "ArcusvlunsListSingle")]
    [InlineData(Dt4 + "/volumes/{dt4vol}/clones", "ArcusVolumesList")]
    [InlineData(Dt2 + "/volumes/{dt2vol}", "NimbleVolumeDetails")]
    [InlineData(Dt2 + "/volumes?limit=1000", "NimbleVolumesList")]
    [InlineData(Dt2 + "/volumes/{dt2vol}/snapshots", "NimbleSnapshotList")]
    [InlineData(Dt2 + "/volumes/{dt2vol}/snapshots/{dt2snap}", "NimbleSnapshotDetails")]
    [InlineData(Dt2 + "/access-control-records", "NimbleAccessControlRecordList")]
    [InlineData(Dt2 + "/access-control-records/{dt2acr}", "NimbleAccessControlRecordDetailsWithRequestUri")]
    [InlineData("/api/v1/volumes?limit=1000", "fleetVolumesList")]
    [InlineData("/api/v1/volumes/{dt1vol}", "fleetVolumeDetails")]
    [InlineData("/api/v1/volumes/{dt2vol}", "fleetVolumeDetails")]
    [InlineData(Dt1 + "/volumes/{dt1vol}/snapshots/nope", "errorResponse")]
    [InlineData(Dt2 + "/access-control-records/nope", "errorResponse")]
    public async Task ReadsMatchTheirSpecSchema(string template, string schema)
    {
        var path = fleet.Ids.Aggregate(template, (p, id) => p.Replace("{" + id.Key + "}", id.Value));

        var reply = await fleet.Sim.GetAsync(path, fleet.Token);

        var expected = schema == "errorResponse" ? HttpStatusCode.NotFound : HttpStatusCode.OK;
        Assert.True(reply.Status == expected, $"{path}: {reply.Status} {reply.Text}");
        SpecAssert.Conforms(reply.Json, schema);
    }

    [Fact]
    public async Task TheFixtureStateIsWhatTheChecksAssume()
    {
        var dt1 = await fleet.Sim.GetAsync(Dt1.Replace("{dt1}", fleet.Ids["dt1"]) + "/volumes/" + fleet.Ids["dt1vol"],
            fleet.Token);
        var dt2 = await fleet.Sim.GetAsync(Dt2.Replace("{dt2}", fleet.Ids["dt2"]) + "/volumes/" + fleet.Ids["dt2vol"],
            fleet.Token);

        Assert.Single(dt1.Json.GetProperty("initiators").EnumerateArray());
        Assert.Single(dt2.Json.GetProperty("access_control_records").EnumerateArray());
        Assert.Single(dt2.Json.GetProperty("volume_export_details").GetProperty("hostGroups").EnumerateArray());
    }

    [Fact]
    public async Task SubmissionsAndTheirTasksMatchTheirSpecSchemas()
    {
        foreach (var submitted in fleet.Submissions)
        {
            Assert.Equal(HttpStatusCode.Accepted, submitted.Status);
            SpecAssert.Conforms(submitted.Json, "taskResponse");
            SpecAssert.Conforms(
                (await fleet.Sim.GetAsync(submitted.Str("taskUri"), fleet.Token)).Json, "Task");
        }

        var failed = await fleet.Sim.GetAsync(fleet.FailedTaskUri, fleet.Token);
        Assert.Equal("FAILED", failed.Str("state"));
        SpecAssert.Conforms(failed.Json.GetProperty("error"), "ErrorResponse");
    }

    [Fact]
    public async Task ValidationErrorsOfLifecycleBodiesMatchErrorResponse()
    {
        var path = $"/api/v1/storage-systems/device-type1/{fleet.Ids["dt1"]}/volumes/{fleet.Ids["dt1vol"]}";

        var reply = await fleet.Sim.PutJsonAsync(path, fleet.Token, """{"sizeMib":"big"}""");

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        SpecAssert.Conforms(reply.Json, "errorResponse");
    }
}
