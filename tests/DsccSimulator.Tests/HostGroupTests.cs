using System.Net;
using DsccSimulator.Store;
using DsccSimulator.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static DsccSimulator.Tests.Infrastructure.HostFleet;

namespace DsccSimulator.Tests;

/// <summary>
/// Fleet host groups, <c>/api/v1/host-initiator-groups</c>: nested creation in one synchronous call, membership
/// kept consistent both ways, edits and deletes as tasks.
/// </summary>
public sealed class HostGroupTests : IAsyncLifetime
{
    private const string Groups = "/api/v1/host-initiator-groups";

    private TestSimulator sim;

    private string token;

    public async Task InitializeAsync()
    {
        sim = await TestSimulator.StartAsync();
        token = await sim.TokenAsync();
    }

    public async Task DisposeAsync() => await sim.DisposeAsync();

    [Fact]
    public async Task NestedCreateMakesGroupHostsAndInitiatorsVisibleThroughTheirOwnEndpoints()
    {
        var created = await sim.PostJsonAsync(Groups, token, """
            {"name":"k8s-workers","comment":"Kubernetes worker nodes",
             "hostsToCreate":[
               {"name":"k8s-w1","operatingSystem":"Ubuntu","ipAddress":"10.30.0.1",
                "initiatorsToCreate":[{"address":"iqn.2004-10.com.ubuntu:01:w1a","protocol":"iSCSI"},
                                      {"address":"iqn.2004-10.com.ubuntu:01:w1b","protocol":"iSCSI"}]},
               {"name":"k8s-w2","operatingSystem":"Ubuntu",
                "initiatorsToCreate":[{"address":"iqn.2004-10.com.ubuntu:01:w2a","protocol":"iSCSI"}]}]}
            """);

        Assert.Equal(HttpStatusCode.OK, created.Status);
        Assert.Equal("k8s-workers", created.Str("name"));
        Assert.Equal("Kubernetes worker nodes", created.Str("comment"));
        Assert.Equal("host-initiator-group", created.Str("type"));
        Assert.Equal(new[] { "k8s-w1", "k8s-w2" }, Strings(created.Json.GetProperty("hosts"), "name"));
        Assert.Equal(2, created.Json.GetProperty("hosts")[0].GetProperty("initiators").GetArrayLength());
        var groupId = created.Str("id");
        Assert.Matches("^[0-9a-f]{32}$", groupId);

        var group = await sim.GetAsync($"{Groups}/{groupId}", token);
        Assert.Equal(HttpStatusCode.OK, group.Status);
        Assert.Equal($"{Groups}/{groupId}", group.Str("requestUri"));

        var host = await HostAsync(sim, token, "k8s-w1");
        Assert.Equal("10.30.0.1", host.GetProperty("ipAddress").GetString());
        Assert.Equal("iSCSI", host.GetProperty("protocol").GetString());
        Assert.Equal(new[] { groupId }, Strings(host.GetProperty("hostGroups"), "id"));
        Assert.Equal(
            new[] { "iqn.2004-10.com.ubuntu:01:w1a", "iqn.2004-10.com.ubuntu:01:w1b" },
            Strings(host.GetProperty("initiators"), "address"));

        var initiators = await sim.GetAsync(
            "/api/v1/initiators?filter=address in ('iqn.2004-10.com.ubuntu:01:w1a','iqn.2004-10.com.ubuntu:01:w2a')"
            + "&sort=address",
            token);
        Assert.Equal(2, initiators.Json.GetProperty("total").GetInt32());
        var owners = initiators.Json.GetProperty("items").EnumerateArray()
            .Select(i => i.GetProperty("hosts")[0])
            .ToList();
        Assert.Equal(new[] { "k8s-w1", "k8s-w2" }, owners.Select(o => o.GetProperty("name").GetString()));
        Assert.All(owners, o => Assert.Equal(
            "k8s-workers", o.GetProperty("hostGroups")[0].GetProperty("name").GetString()));
    }

    [Fact]
    public async Task NestedCreateIsAllOrNothing()
    {
        var reply = await sim.PostJsonAsync(Groups, token, """
            {"name":"half","hostsToCreate":[
               {"name":"half-1","operatingSystem":"Ubuntu",
                "initiatorsToCreate":[{"address":"iqn.2004-10.com.ubuntu:01:dup","protocol":"iSCSI"}]},
               {"name":"half-2","operatingSystem":"Ubuntu",
                "initiatorsToCreate":[{"address":"iqn.2004-10.com.ubuntu:01:dup","protocol":"iSCSI"}]}]}
            """);

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal("An initiator with address 'iqn.2004-10.com.ubuntu:01:dup' already exists.", reply.Str("error"));
        Assert.Equal(0, await TotalAsync(Groups + "?filter=name eq half"));
        Assert.Equal(0, await TotalAsync("/api/v1/host-initiators?filter=name eq half-1"));
        Assert.Equal(0, await TotalAsync("/api/v1/initiators?filter=address eq 'iqn.2004-10.com.ubuntu:01:dup'"));
    }

    [Theory]
    [InlineData("""{"name":"sql-prod"}""", HttpStatusCode.BadRequest, "A host group named 'sql-prod' already exists.")]
    [InlineData("""{"name":"g","hostIds":["00000000000000000000000000000000"]}""", HttpStatusCode.NotFound,
        "No host has id '00000000000000000000000000000000'.")]
    [InlineData("""{"comment":"no name"}""", HttpStatusCode.BadRequest, "Missing required property 'name'.")]
    [InlineData("""{"name":"g","hostsToCreate":[{"name":"n"}]}""", HttpStatusCode.BadRequest,
        "Missing required property 'hostsToCreate[0].operatingSystem'.")]
    public async Task InvalidGroupCreatesFail(string body, HttpStatusCode status, string message)
    {
        var reply = await sim.PostJsonAsync(Groups, token, body);

        Assert.Equal(status, reply.Status);
        Assert.Contains(message, reply.Str("error"), StringComparison.Ordinal);
        Assert.Equal(4, await TotalAsync(Groups));
    }

    [Fact]
    public async Task HostsOfDifferentProtocolsCannotShareAGroup()
    {
        var fc = (await HostAsync(sim, token, WinBackup01)).GetProperty("id").GetString();
        var iscsi = (await HostAsync(sim, token, RhelApp01)).GetProperty("id").GetString();

        var reply = await sim.PostJsonAsync(Groups, token, $$"""{"name":"mixed","hostIds":["{{fc}}","{{iscsi}}"]}""");

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Contains("would mix FC and iSCSI", reply.Str("error"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EditAddsRemovesCreatesAndRenamesAsATask()
    {
        var group = await GroupAsync(sim, token, EsxCluster);
        var groupId = group.GetProperty("id").GetString();
        var leaving = (await HostAsync(sim, token, EsxProd02)).GetProperty("id").GetString();
        var joining = (await HostAsync(sim, token, WinBackup01)).GetProperty("id").GetString();

        var accepted = await sim.PutJsonAsync($"{Groups}/{groupId}", token, $$"""
            {"name":"esx-cluster-a","updatedHosts":["{{joining}}"],"removedHosts":["{{leaving}}"],
             "hostsToCreate":[{"name":"esx-prod-03","operatingSystem":"VMware (ESXi)",
                               "initiatorsToCreate":[{"address":"10000000C9ABCDEF","protocol":"FC"}]}],
             "hostProximityValues":[{"hostId":"{{joining}}","proximitySystemName":"primary"}]}
            """);
        sim.Clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal("Update_In_Progress", (await sim.GetAsync($"{Groups}/{groupId}", token)).Str("editStatus"));
        var task = await sim.FinishTaskAsync(accepted, token);

        Assert.Equal("SUCCEEDED", task.Str("state"));
        Assert.Equal(new[] { "esx-cluster-a", "esx-prod-03" },
            Strings(task.Json.GetProperty("associatedResources"), "name"));
        var after = await sim.GetAsync($"{Groups}/{groupId}", token);
        Assert.Equal("esx-cluster-a", after.Str("name"));
        Assert.Equal("Update_Success", after.Str("editStatus"));
        Assert.Equal(new[] { EsxProd01, WinBackup01, "esx-prod-03" }, Strings(after.Json.GetProperty("hosts"), "name"));
        Assert.Empty((await HostAsync(sim, token, EsxProd02)).GetProperty("hostGroups").EnumerateArray());
        Assert.Equal(new[] { "esx-cluster-a" },
            Strings((await HostAsync(sim, token, WinBackup01)).GetProperty("hostGroups"), "name"));
        Assert.Equal(new[] { "esx-cluster-a" },
            Strings((await HostAsync(sim, token, "esx-prod-03")).GetProperty("hostGroups"), "name"));
    }

    [Fact]
    public async Task AnUnknownHostFailsTheEditWithAdviceAboutHosts()
    {
        var groupId = (await GroupAsync(sim, token, EsxCluster)).GetProperty("id").GetString();

        var task = await sim.FinishTaskAsync(await sim.PutJsonAsync(
            $"{Groups}/{groupId}", token, """{"updatedHosts":["feedfeedfeedfeedfeedfeedfeedfeed"]}"""), token);

        // The advice names what was missing; a pool or CPG has nothing to do with a host group.
        Assert.Equal("NOT_FOUND", WriteRequests.FailureCode(task));
        var advice = Assert.Single(task.Json.GetProperty("recommendations").EnumerateArray())
            .GetProperty("message").GetString();
        Assert.Contains("List the hosts (GET /api/v1/host-initiators)", advice, StringComparison.Ordinal);
        Assert.DoesNotContain("CPG", advice, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("removedHosts", WinBackup01, "BAD_REQUEST", "Host 'win-backup-01' is not in host group")]
    [InlineData("updatedHosts", SqlProd01, "BAD_REQUEST", "would mix FC and iSCSI")]
    public async Task EditProblemsFailTheTask(string property, string hostName, string code, string message)
    {
        var groupId = (await GroupAsync(sim, token, EsxCluster)).GetProperty("id").GetString();
        var hostId = (await HostAsync(sim, token, hostName)).GetProperty("id").GetString();

        var task = await sim.FinishTaskAsync(
            await sim.PutJsonAsync($"{Groups}/{groupId}", token, $$"""{"{{property}}":["{{hostId}}"]}"""), token);

        Assert.Equal(code, WriteRequests.FailureCode(task));
        var error = task.Json.GetProperty("error").GetProperty("error").GetString();
        Assert.Contains(message, error, StringComparison.Ordinal);
        var after = await GroupAsync(sim, token, EsxCluster);
        Assert.Equal("Update_Failed", after.GetProperty("editStatus").GetString());
        Assert.Equal(new[] { EsxProd01, EsxProd02 }, Strings(after.GetProperty("hosts"), "name"));
    }

    [Fact]
    public async Task DeleteNeedsForceWhileTheGroupHasHostsAndKeepsTheHosts()
    {
        var groupId = (await GroupAsync(sim, token, EsxCluster)).GetProperty("id").GetString();

        var refused = await sim.FinishTaskAsync(await sim.DeleteAsync($"{Groups}/{groupId}", token), token);
        Assert.Equal("BAD_REQUEST", WriteRequests.FailureCode(refused));
        Assert.Equal("Delete_Failed", (await sim.GetAsync($"{Groups}/{groupId}", token)).Str("editStatus"));

        var forced = await sim.FinishTaskAsync(await sim.DeleteAsync($"{Groups}/{groupId}?force=true", token), token);
        Assert.Equal("SUCCEEDED", forced.Str("state"));
        Assert.Equal("Delete Host Group", forced.Str("name"));
        Assert.Equal(HttpStatusCode.NotFound, (await sim.GetAsync($"{Groups}/{groupId}", token)).Status);
        var host = await HostAsync(sim, token, EsxProd01);
        Assert.Empty(host.GetProperty("hostGroups").EnumerateArray());
    }

    [Fact]
    public async Task AnEmptyGroupDeletesWithoutForce()
    {
        var created = await sim.PostJsonAsync(Groups, token, """{"name":"empty"}""");

        var task = await sim.FinishTaskAsync(await sim.DeleteAsync($"{Groups}/{created.Str("id")}", token), token);

        Assert.Equal("SUCCEEDED", task.Str("state"));
        Assert.Equal(HttpStatusCode.NotFound, (await sim.GetAsync($"{Groups}/{created.Str("id")}", token)).Status);
    }

    [Fact]
    public async Task HostGroupExistsFollowsCreatesAndDeletes()
    {
        var store = sim.App.Services.GetRequiredService<FleetStore>();
        var seeded = (await GroupAsync(sim, token, SqlGroup)).GetProperty("id").GetString();
        var created = (await sim.PostJsonAsync(Groups, token, """{"name":"exports"}""")).Str("id");

        Assert.True(store.HostGroupExists(seeded));
        Assert.True(store.HostGroupExists(created));
        Assert.False(store.HostGroupExists("0123456789abcdef0123456789abcdef"));

        await sim.FinishTaskAsync(await sim.DeleteAsync($"{Groups}/{created}", token), token);
        Assert.False(store.HostGroupExists(created));
    }

    private async Task<int> TotalAsync(string path) =>
        (await sim.GetAsync(path, token)).Json.GetProperty("total").GetInt32();
}
