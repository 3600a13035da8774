using System.Net;
using DsccSimulator.Tests.Infrastructure;
using static DsccSimulator.Tests.Infrastructure.HostFleet;

namespace DsccSimulator.Tests;

/// <summary>
/// Fleet hosts, <c>/api/v1/host-initiators</c>: create is synchronous (200 HostObject), edit and delete run as
/// tasks (202), errors are <c>errorResponse</c>.
/// </summary>
public sealed class HostTests : IAsyncLifetime
{
    private const string Hosts = "/api/v1/host-initiators";

    private TestSimulator sim;

    private string token;

    public async Task InitializeAsync()
    {
        sim = await TestSimulator.StartAsync();
        token = await sim.TokenAsync();
    }

    public async Task DisposeAsync() => await sim.DisposeAsync();

    [Fact]
    public async Task SeededHostsCarryTheirInitiatorsAndGroups()
    {
        var list = await sim.GetAsync(Hosts + "?sort=name", token);

        Assert.Equal(HttpStatusCode.OK, list.Status);
        Assert.Equal(
            new[] { EsxProd01, EsxProd02, "ora-db-01", RhelApp01, SqlProd01, WinBackup01 },
            Fleet.Names(list));
        Assert.Equal(6, list.Json.GetProperty("total").GetInt32());
        Assert.Equal(Hosts + "?sort=name", list.Str("requestUri"));

        var esx = list.Json.GetProperty("items")[0];
        Assert.Equal("VMware (ESXi)", esx.GetProperty("operatingSystem").GetString());
        Assert.Equal("FC", esx.GetProperty("protocol").GetString());
        Assert.Equal("host-initiator", esx.GetProperty("type").GetString());
        Assert.Matches("^[0-9a-f]{32}$", esx.GetProperty("id").GetString());
        Assert.All(esx.GetProperty("initiators").EnumerateArray(),
            i => Assert.Matches("^21000024FF[0-9A-F]{6}$", i.GetProperty("address").GetString()));
        Assert.Equal(new[] { EsxCluster }, Strings(esx.GetProperty("hostGroups"), "name"));

        var sql = await HostAsync(sim, token, SqlProd01);
        Assert.Equal("iqn.1991-05.com.microsoft:sql-prod-01.lab.example.com",
            sql.GetProperty("initiators")[0].GetProperty("address").GetString());
        Assert.False((await HostAsync(sim, token, WinBackup01)).GetProperty("userCreated").GetBoolean());
    }

    [Fact]
    public async Task CreateAnswers200WithTheHostAndItsNewInitiators()
    {
        var groupId = (await GroupAsync(sim, token, SqlGroup)).GetProperty("id").GetString();
        var body = $$"""
            {"name":"sql-prod-02","operatingSystem":"windows server","comment":"second SQL node",
             "fqdn":"sql-prod-02.lab.example.com","ipAddress":"10.20.40.32","hostGroupIds":["{{groupId}}"],
             "userCreated":false,
             "initiatorsToCreate":[{"address":"IQN.1991-05.com.microsoft:sql-prod-02","protocol":"iscsi",
                                    "name":"sql-prod-02-nic1","ipAddress":"10.20.50.32","hostSpeed":25000}]}
            """;

        var created = await sim.PostJsonAsync(Hosts, token, body);

        Assert.Equal(HttpStatusCode.OK, created.Status);
        Assert.Equal("sql-prod-02", created.Str("name"));
        Assert.Equal("Windows Server", created.Str("operatingSystem"));
        Assert.Equal("WindowsServer", created.Str("persona"));
        Assert.Equal("iSCSI", created.Str("protocol"));
        Assert.Equal("second SQL node", created.Str("comment"));
        Assert.Equal("10.20.40.32", created.Str("ipAddress"));
        Assert.True(created.Json.GetProperty("userCreated").GetBoolean());
        Assert.Equal("Not_Applicable", created.Str("editStatus"));
        Assert.Equal(TestSimulator.Start.ToUnixTimeSeconds(), created.Json.GetProperty("generation").GetInt64());
        Assert.Equal(new[] { SqlGroup }, Strings(created.Json.GetProperty("hostGroups"), "name"));
        var port = Assert.Single(created.Json.GetProperty("initiators").EnumerateArray());
        Assert.Equal("iqn.1991-05.com.microsoft:sql-prod-02", port.GetProperty("address").GetString());
        Assert.Equal("sql-prod-02-nic1", port.GetProperty("name").GetString());

        var id = created.Str("id");
        var detail = await sim.GetAsync($"{Hosts}/{id}", token);
        Assert.Equal(HttpStatusCode.OK, detail.Status);
        Assert.Equal($"{Hosts}/{id}", detail.Str("requestUri"));
        Assert.Equal($"/data-ops-manager/host-initiators/{id}", detail.Str("consoleUri"));
        Assert.False(detail.Json.TryGetProperty("isMergable", out _));

        var initiator = await sim.GetAsync($"/api/v1/initiators/{port.GetProperty("id").GetString()}", token);
        Assert.Equal(25000, initiator.Json.GetProperty("hostSpeed").GetInt64());
        Assert.Equal(new[] { id }, Strings(initiator.Json.GetProperty("hosts"), "id"));
        var groupAfter = await GroupAsync(sim, token, SqlGroup);
        Assert.Contains(id, Strings(groupAfter.GetProperty("hosts"), "id"));
    }

    [Theory]
    [InlineData("""{"name":"esx-prod-01","operatingSystem":"VMware (ESXi)"}""", "already exists")]
    [InlineData("""{"name":"ESX-PROD-01","operatingSystem":"VMware (ESXi)"}""", "already exists")]
    [InlineData("""{"name":"h","operatingSystem":"Plan 9"}""", "operatingSystem")]
    [InlineData("""{"name":"  ","operatingSystem":"Ubuntu"}""", "'name' must not be empty")]
    [InlineData("""{"operatingSystem":"Ubuntu"}""", "Missing required property 'name'")]
    [InlineData("""{"name":"h","operatingSystem":"Ubuntu","hostGroupIds":"abc"}""", "hostGroupIds")]
    [InlineData("""{"name":"h","operatingSystem":"Ubuntu","initiatorsToCreate":[{"address":"xyz","protocol":"FC"}]}""",
        "initiatorsToCreate[0].address")]
    [InlineData(
        """{"name":"h","operatingSystem":"Ubuntu","initiatorsToCreate":["""
        + """{"address":"nqn.2014-08.x","protocol":"SAS"}]}""",
        "FC, iSCSI or NVMe")]
    [InlineData(
        """{"name":"h","operatingSystem":"Ubuntu","protocol":"FC","initiatorsToCreate":["""
        + """{"address":"iqn.2004-10.u:1","protocol":"iSCSI"}]}""",
        "one protocol")]
    public async Task InvalidCreatesAre400AndCreateNothing(string body, string expected)
    {
        var reply = await sim.PostJsonAsync(Hosts, token, body);

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal("400", reply.Str("errorCode"));
        Assert.Contains(expected, reply.Str("error"), StringComparison.Ordinal);
        Assert.Equal(new[] { "error", "errorCode" }, reply.PropertyNames);
        Assert.Equal(6, (await sim.GetAsync(Hosts, token)).Json.GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData("hostGroupIds", "host group")]
    [InlineData("initiatorIds", "initiator")]
    public async Task UnknownReferencedIdsAre404(string property, string noun)
    {
        var reply = await sim.PostJsonAsync(Hosts, token,
            $$"""{"name":"h","operatingSystem":"Ubuntu","{{property}}":["0123456789abcdef0123456789abcdef"]}""");

        Assert.Equal(HttpStatusCode.NotFound, reply.Status);
        Assert.Equal("404", reply.Str("errorCode"));
        Assert.Equal($"No {noun} has id '0123456789abcdef0123456789abcdef'.", reply.Str("error"));
    }

    [Fact]
    public async Task AnInitiatorOfAnotherHostCannotBeTaken()
    {
        var esx = await HostAsync(sim, token, EsxProd01);
        var taken = esx.GetProperty("initiators")[0].GetProperty("id").GetString();

        var reply = await sim.PostJsonAsync(Hosts, token,
            $$"""{"name":"thief","operatingSystem":"VMware (ESXi)","initiatorIds":["{{taken}}"]}""");

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Contains("already belongs to host 'esx-prod-01'", reply.Str("error"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EditRunsAsATaskThatRenamesAndReplacesInitiators()
    {
        var host = await HostAsync(sim, token, EsxProd02);
        var id = host.GetProperty("id").GetString();
        var oldPorts = Strings(host.GetProperty("initiators"), "id");
        var spare = (await SpareInitiatorAsync(sim, token)).GetProperty("id").GetString();

        var accepted = await sim.PutJsonAsync($"{Hosts}/{id}", token, $$"""
            {"name":"esx-prod-02b","updatedInitiators":["{{oldPorts[0]}}","{{spare}}"],
             "initiatorsToCreate":[{"address":"21:00:00:24:ff:00:00:99","protocol":"FC"}]}
            """);

        Assert.Equal(HttpStatusCode.Accepted, accepted.Status);
        Assert.Equal(new[] { "taskUri", "status", "message" }, accepted.PropertyNames);
        sim.Clock.Advance(TimeSpan.FromSeconds(2));
        var running = await sim.GetAsync($"{Hosts}/{id}", token);
        Assert.Equal("Update_In_Progress", running.Str("editStatus"));
        Assert.Equal(EsxProd02, running.Str("name"));

        var task = await sim.FinishTaskAsync(accepted, token);
        Assert.Equal("SUCCEEDED", task.Str("state"));
        Assert.Equal("Update Host", task.Str("name"));
        var resource = task.Json.GetProperty("associatedResources")[0];
        Assert.Equal($"{Hosts}/{id}", resource.GetProperty("resourceUri").GetString());

        var after = await sim.GetAsync($"{Hosts}/{id}", token);
        Assert.Equal("esx-prod-02b", after.Str("name"));
        Assert.Equal("Update_Success", after.Str("editStatus"));
        Assert.Equal(
            new[] { oldPorts[0], spare },
            Strings(after.Json.GetProperty("initiators"), "id").Take(2));
        Assert.Equal("21000024FF000099",
            after.Json.GetProperty("initiators")[2].GetProperty("address").GetString());
        var dropped = await sim.GetAsync($"/api/v1/initiators/{oldPorts[1]}", token);
        Assert.Equal(0, dropped.Json.GetProperty("hosts").GetArrayLength());
        var group = await GroupAsync(sim, token, EsxCluster);
        Assert.Contains("esx-prod-02b", Strings(group.GetProperty("hosts"), "name"));
    }

    [Fact]
    public async Task EditToATakenNameFailsTheTask()
    {
        var host = await HostAsync(sim, token, EsxProd02);
        var id = host.GetProperty("id").GetString();

        var task = await sim.FinishTaskAsync(
            await sim.PutJsonAsync($"{Hosts}/{id}", token, """{"name":"sql-prod-01"}"""), token);

        Assert.Equal("BAD_REQUEST", WriteRequests.FailureCode(task));
        Assert.Equal("A host named 'sql-prod-01' already exists.",
            task.Json.GetProperty("error").GetProperty("error").GetString());
        var after = await sim.GetAsync($"{Hosts}/{id}", token);
        Assert.Equal(EsxProd02, after.Str("name"));
        Assert.Equal("Update_Failed", after.Str("editStatus"));
    }

    [Fact]
    public async Task DeleteOfAGroupMemberNeedsForce()
    {
        var host = await HostAsync(sim, token, EsxProd01);
        var id = host.GetProperty("id").GetString();
        var ports = Strings(host.GetProperty("initiators"), "id");

        var refused = await sim.FinishTaskAsync(await sim.DeleteAsync($"{Hosts}/{id}", token), token);
        Assert.Equal("BAD_REQUEST", WriteRequests.FailureCode(refused));
        Assert.Equal("Delete_Failed", (await sim.GetAsync($"{Hosts}/{id}", token)).Str("editStatus"));

        var forced = await sim.DeleteAsync($"{Hosts}/{id}?force=true", token);
        sim.Clock.Advance(TimeSpan.FromSeconds(2));
        var deleting = await sim.GetAsync($"{Hosts}/{id}", token);
        Assert.True(deleting.Json.GetProperty("markedForDelete").GetBoolean());
        Assert.Equal("Delete_In_Progress", deleting.Str("editStatus"));
        Assert.Equal("SUCCEEDED", (await sim.FinishTaskAsync(forced, token)).Str("state"));

        Assert.Equal(HttpStatusCode.NotFound, (await sim.GetAsync($"{Hosts}/{id}", token)).Status);
        var group = await GroupAsync(sim, token, EsxCluster);
        Assert.Equal(new[] { EsxProd02 }, Strings(group.GetProperty("hosts"), "name"));
        var port = await sim.GetAsync($"/api/v1/initiators/{ports[0]}", token);
        Assert.Equal(HttpStatusCode.OK, port.Status);
        Assert.Equal(0, port.Json.GetProperty("hosts").GetArrayLength());
    }

    [Fact]
    public async Task DeleteOfAHostInNoGroupNeedsNoForce()
    {
        var id = (await HostAsync(sim, token, WinBackup01)).GetProperty("id").GetString();

        var task = await sim.FinishTaskAsync(await sim.DeleteAsync($"{Hosts}/{id}?force=false", token), token);

        Assert.Equal("SUCCEEDED", task.Str("state"));
        Assert.Equal(WinBackup01, task.Json.GetProperty("associatedResources")[0].GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await sim.GetAsync($"{Hosts}/{id}", token)).Status);
    }

    [Theory]
    [InlineData("GET", "")]
    [InlineData("PUT", """{"name":"x"}""")]
    [InlineData("DELETE", "")]
    public async Task UnknownHostIs404(string method, string body)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), $"{Hosts}/feedfacefeedfacefeedfacefeedface");
        request.Headers.Authorization = new("Bearer", token);
        if (body.Length > 0)
        {
            request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        }

        var reply = await sim.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, reply.Status);
        Assert.Equal("404", reply.Str("errorCode"));
        Assert.Equal("Host not found: no host has id 'feedfacefeedfacefeedfacefeedface'.", reply.Str("error"));
    }

    [Fact]
    public async Task BadForceFlagAndBadEditBodyAre400()
    {
        var id = (await HostAsync(sim, token, WinBackup01)).GetProperty("id").GetString();

        var badForce = await sim.DeleteAsync($"{Hosts}/{id}?force=yes", token);
        var badBody = await sim.PutJsonAsync($"{Hosts}/{id}", token, """{"name":"x","operatingSystem":"Ubuntu"}""");

        Assert.Equal(HttpStatusCode.BadRequest, badForce.Status);
        Assert.Equal("Invalid force 'yes': use true or false.", badForce.Str("error"));
        Assert.Equal(HttpStatusCode.BadRequest, badBody.Status);
        Assert.Contains("Unknown property 'operatingSystem'", badBody.Str("error"), StringComparison.Ordinal);
        Assert.Empty((await sim.GetAsync("/api/v1/tasks", token)).Json.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task ListsPageFilterAndSortButIgnoreSelect()
    {
        var page = await sim.GetAsync(Hosts + "?sort=name desc&offset=1&limit=2&select=name", token);
        var byOs = await sim.GetAsync(Hosts + "?filter=operatingSystem eq 'RHE Linux'&sort=name", token);
        var byGroup = await sim.GetAsync(Hosts + "?filter=hostGroups.name eq esx-cluster-prod", token);

        Assert.Equal(new[] { SqlProd01, RhelApp01 }, Fleet.Names(page));
        Assert.Equal(2, page.Json.GetProperty("pageLimit").GetInt32());
        Assert.Equal(1, page.Json.GetProperty("pageOffset").GetInt32());
        Assert.True(page.Json.GetProperty("items")[0].TryGetProperty("operatingSystem", out _));
        Assert.Equal(new[] { "ora-db-01", RhelApp01 }, Fleet.Names(byOs));
        Assert.Equal(new[] { EsxProd01, EsxProd02 }, Fleet.Names(byGroup));
        Assert.Equal(HttpStatusCode.BadRequest, (await sim.GetAsync(Hosts + "?filter=colour eq red", token)).Status);
    }
}
