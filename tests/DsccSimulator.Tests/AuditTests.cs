using System.Net;
using System.Text.Json;
using DsccSimulator.Tests.Infrastructure;
using static DsccSimulator.Tests.Infrastructure.HostFleet;

namespace DsccSimulator.Tests;

/// <summary>
/// <c>GET /api/v1/audit-events</c>: every successful write under /api/v1 is recorded centrally; asynchronous writes
/// get an Initiated event and, when their task ends, a Success or Failure event with the same task id.
/// </summary>
public sealed class AuditTests : IAsyncLifetime
{
    private const string Audit = "/api/v1/audit-events";

    private TestSimulator sim;

    private string token;

    public async Task InitializeAsync()
    {
        sim = await TestSimulator.StartAsync();
        token = await sim.TokenAsync();
    }

    public async Task DisposeAsync() => await sim.DisposeAsync();

    [Fact]
    public async Task ASynchronousWriteRecordsOneSuccessEvent()
    {
        sim.Clock.Advance(TimeSpan.FromSeconds(3));
        var created = await sim.PostJsonAsync("/api/v1/host-initiators", token,
            """{"name":"audit-host","operatingSystem":"Ubuntu"}""");

        var trail = await sim.GetAsync(Audit, token);

        Assert.Equal(HttpStatusCode.OK, trail.Status);
        Assert.Equal(new[] { "items", "total", "pageLimit", "pageOffset" }, trail.PropertyNames);
        var entry = Assert.Single(trail.Json.GetProperty("items").EnumerateArray());
        Assert.Equal("host-initiator.create", Text(entry, "code"));
        Assert.Equal("host-initiator.create", Text(entry, "permission"));
        Assert.Equal("Success", Text(entry, "state"));
        Assert.Equal("Host 'audit-host': create succeeded", Text(entry, "message"));
        Assert.Equal("2025-01-06T12:00:03.000Z", Text(entry, "occurredAt"));
        Assert.Equal(created.Str("id"), entry.GetProperty("associatedResource").GetProperty("id").GetString());
        Assert.Equal("audit-host", entry.GetProperty("associatedResource").GetProperty("name").GetString());
        Assert.Equal("host-initiator", entry.GetProperty("associatedResource").GetProperty("type").GetString());
        Assert.Equal(created.Str("customerId"), Text(entry, "customerId"));
        Assert.Equal("dscc-demo-client@example.com", Text(entry, "userEmail"));
        Assert.Matches("^[0-9a-f]{32}$", Text(entry, "contextId"));
        Assert.Matches("^[0-9a-f-]{36}$", Text(entry, "id"));
        Assert.Equal("audit.event+1+00000001", Text(entry, "uniqueId"));
        Assert.Equal("/api/v1/host-initiators", Text(entry, "scope"));
        Assert.Equal(1, entry.GetProperty("version").GetInt32());
        Assert.False(entry.TryGetProperty("taskId", out _));
    }

    [Fact]
    public async Task AnAsynchronousWriteIsInitiatedThenSucceedsUnderOneTaskId()
    {
        var host = await HostAsync(sim, token, WinBackup01);
        var hostId = host.GetProperty("id").GetString();

        var accepted = await sim.PutJsonAsync(
            $"/api/v1/host-initiators/{hostId}", token, """{"name":"win-backup-02"}""");
        var taskId = accepted.Str("taskUri").Split('/')[^1];
        var initiated = Assert.Single((await sim.GetAsync(Audit, token)).Json.GetProperty("items").EnumerateArray());
        await sim.FinishTaskAsync(accepted, token);
        var trail = (await sim.GetAsync(Audit, token)).Json.GetProperty("items").EnumerateArray().ToList();

        Assert.Equal("Initiated", Text(initiated, "state"));
        Assert.Equal(taskId, Text(initiated, "taskId"));
        Assert.Equal("host-initiator.edit", Text(initiated, "code"));
        Assert.Equal("Host 'win-backup-01': update initiated", Text(initiated, "message"));
        Assert.Equal(hostId, initiated.GetProperty("associatedResource").GetProperty("id").GetString());

        Assert.Equal(2, trail.Count);
        var done = trail[0];
        Assert.Equal("Success", Text(done, "state"));
        Assert.Equal(taskId, Text(done, "taskId"));
        Assert.Equal("2025-01-06T12:00:10.000Z", Text(done, "occurredAt"));
        Assert.Equal("audit.event+2+00000001", Text(done, "uniqueId"));
        Assert.NotEqual(Text(initiated, "id"), Text(done, "id"));
        Assert.Equal(Text(initiated, "id"), Text(trail[1], "id"));
        Assert.Equal(Text(initiated, "contextId"), Text(done, "contextId"));
    }

    [Fact]
    public async Task AFailedTaskIsRecordedAsFailure()
    {
        var hostId = (await HostAsync(sim, token, WinBackup01)).GetProperty("id").GetString();
        await sim.FinishTaskAsync(
            await sim.PutJsonAsync($"/api/v1/host-initiators/{hostId}", token, """{"name":"esx-prod-01"}"""), token);

        var failures = await sim.GetAsync(Audit + "?filter=state eq Failure", token);

        var failure = Assert.Single(failures.Json.GetProperty("items").EnumerateArray());
        Assert.Equal("Host 'win-backup-01': update failed: A host named 'esx-prod-01' already exists.",
            Text(failure, "message"));
        Assert.Equal("2025-01-06T12:00:01.000Z", Text(failure, "occurredAt"));
    }

    [Fact]
    public async Task WritesOfEveryEndpointAreRecordedEvenWithoutAuditCode()
    {
        var systemId = await Fleet.SystemIdAsync(sim, token, Fleet.PrimeraLab01);
        var accepted = await sim.PostJsonAsync($"/api/v1/storage-systems/device-type1/{systemId}/volumes", token,
            """{"name":"audited-vol","userCpg":"SSD_r6","sizeMib":1024}""");
        var task = await sim.FinishTaskAsync(accepted, token);
        var volumeUri = task.Json.GetProperty("associatedResources")[0].GetProperty("resourceUri").GetString();
        var volumeId = volumeUri.Split('/')[^1];

        var trail = (await sim.GetAsync(Audit + "?sort=occurredAt asc", token)).Json.GetProperty("items")
            .EnumerateArray().ToList();

        Assert.Equal(2, trail.Count);
        Assert.Equal("volume.create", Text(trail[0], "code"));
        Assert.Equal("Initiated", Text(trail[0], "state"));
        Assert.Equal(
            "Storage system 'Primera-Lab-01': create volume 'audited-vol' initiated", Text(trail[0], "message"));
        Assert.Equal(systemId, trail[0].GetProperty("associatedResource").GetProperty("id").GetString());
        Assert.Equal("storage-system", trail[0].GetProperty("associatedResource").GetProperty("type").GetString());
        Assert.Equal("Volume 'audited-vol': create succeeded", Text(trail[1], "message"));
        Assert.Equal(volumeId, trail[1].GetProperty("associatedResource").GetProperty("id").GetString());
        Assert.Equal("volume", trail[1].GetProperty("associatedResource").GetProperty("type").GetString());
    }

    [Fact]
    public async Task SynchronousDeletesNameWhatTheyDeleted()
    {
        var spare = await SpareInitiatorAsync(sim, token);

        await sim.DeleteAsync($"/api/v1/initiators/{spare.GetProperty("id").GetString()}", token);

        var entry = Assert.Single((await sim.GetAsync(Audit, token)).Json.GetProperty("items").EnumerateArray());
        Assert.Equal("initiator.delete", Text(entry, "code"));
        Assert.Equal("Success", Text(entry, "state"));
        Assert.Equal(spare.GetProperty("address").GetString(),
            entry.GetProperty("associatedResource").GetProperty("name").GetString());
    }

    [Fact]
    public async Task RejectedWritesAndReadsAreNotRecorded()
    {
        await sim.PostJsonAsync("/api/v1/host-initiators", token, """{"name":"x","operatingSystem":"BeOS"}""");
        await sim.DeleteAsync("/api/v1/host-initiators/0123456789abcdef0123456789abcdef", token);
        await sim.PostJsonAsync("/api/v1/host-initiators", null, """{"name":"x","operatingSystem":"Ubuntu"}""");
        await sim.GetAsync("/api/v1/host-initiators", token);

        var trail = await sim.GetAsync(Audit, token);

        Assert.Equal(0, trail.Json.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task FilterSortAndPagingFollowTheSpec()
    {
        foreach (var name in new[] { "a1", "a2", "a3" })
        {
            await sim.PostJsonAsync("/api/v1/host-initiator-groups", token, $$"""{"name":"{{name}}"}""");
            sim.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        var later = await sim.GetAsync(Audit + "?filter=occurredAt gt 2025-01-06T12:00:30Z&sort=occurredAt asc", token);
        var page = await sim.GetAsync(Audit + "?offset=1&limit=1&select=code", token);
        var twoKeys = await sim.GetAsync(Audit + "?sort=state,version desc", token);

        Assert.Equal(new[] { "a2", "a3" }, Resources(later));
        var only = Assert.Single(page.Json.GetProperty("items").EnumerateArray());
        Assert.Equal("a2", only.GetProperty("associatedResource").GetProperty("name").GetString());
        Assert.Equal(3, page.Json.GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, twoKeys.Status);
        Assert.Equal("BAD_REQUEST", twoKeys.Str("errorCode"));
        Assert.Matches("^[0-9a-f]{32}$", twoKeys.Str("traceId"));
        Assert.Contains("one property", twoKeys.Str("error"), StringComparison.Ordinal);
    }

    private static string Text(JsonElement element, string property) => element.GetProperty(property).GetString();

    private static List<string> Resources(Reply list) =>
        list.Json.GetProperty("items").EnumerateArray()
            .Select(e => e.GetProperty("associatedResource").GetProperty("name").GetString())
            .ToList();
}
