using System.Net;
using DsccSimulator.Tests.Infrastructure;
using static DsccSimulator.Tests.Infrastructure.HostFleet;

namespace DsccSimulator.Tests;

/// <summary>Fleet initiators, <c>/api/v1/initiators</c>: every operation is synchronous.</summary>
public sealed class InitiatorTests : IAsyncLifetime
{
    private const string Initiators = "/api/v1/initiators";

    private TestSimulator sim;

    private string token;

    public async Task InitializeAsync()
    {
        sim = await TestSimulator.StartAsync();
        token = await sim.TokenAsync();
    }

    public async Task DisposeAsync() => await sim.DisposeAsync();

    [Fact]
    public async Task CreateAnswers200WithTheNormalizedInitiator()
    {
        var created = await sim.PostJsonAsync(Initiators, token, """
            {"address":"10:00:00:10:9b:aa:bb:cc","protocol":"fc","name":"new-hba-p1","hbaModel":"LPe32002",
             "vendor":"Emulex","driverVersion":"14.0.326.12","firmwareVersion":"14.2.539.16","hostSpeed":32000}
            """);

        Assert.Equal(HttpStatusCode.OK, created.Status);
        Assert.Equal("100000109BAABBCC", created.Str("address"));
        Assert.Equal("FC", created.Str("protocol"));
        Assert.Equal("new-hba-p1", created.Str("name"));
        Assert.Equal("LPe32002", created.Str("hbaModel"));
        Assert.Equal("Emulex", created.Str("vendor"));
        Assert.Equal(32000, created.Json.GetProperty("hostSpeed").GetInt64());
        Assert.Equal("initiator", created.Str("type"));
        Assert.Empty(created.Json.GetProperty("hosts").EnumerateArray());
        Assert.False(created.Json.TryGetProperty("requestUri", out _));

        var detail = await sim.GetAsync($"{Initiators}/{created.Str("id")}", token);
        Assert.Equal(HttpStatusCode.OK, detail.Status);
        Assert.Equal($"{Initiators}/{created.Str("id")}", detail.Str("requestUri"));
        Assert.Equal(created.Str("address"), detail.Str("address"));
    }

    [Theory]
    [InlineData("""{"address":"21000024FF161F2A","protocol":"FC"}""", "already exists")]
    [InlineData("""{"address":"iqn.1991-05.com.microsoft:SQL-PROD-01.lab.example.com","protocol":"iSCSI"}""",
        "already exists")]
    [InlineData("""{"address":"nqn.2014-08.org.nvmexpress:uuid:1","protocol":"iSCSI"}""", "iqn. or eui.")]
    [InlineData("""{"address":"10000000C9ABCD","protocol":"FC"}""", "16-hex-digit WWN")]
    [InlineData("""{"address":"iqn.2004-10.com.ubuntu:x"}""", "Missing required property 'protocol'")]
    [InlineData("""{"address":"iqn.2004-10.com.ubuntu:x","protocol":"iSCSI","hostSpeed":"fast"}""", "hostSpeed")]
    public async Task InvalidOrDuplicateInitiatorsAre400(string body, string expected)
    {
        var before = (await sim.GetAsync(Initiators, token)).Json.GetProperty("total").GetInt32();

        var reply = await sim.PostJsonAsync(Initiators, token, body);

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Contains(expected, reply.Str("error"), StringComparison.Ordinal);
        Assert.Equal(before, (await sim.GetAsync(Initiators, token)).Json.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task DeleteIsSynchronousAndAnswersDeleteInitiator()
    {
        var spare = (await SpareInitiatorAsync(sim, token)).GetProperty("id").GetString();

        var deleted = await sim.DeleteAsync($"{Initiators}/{spare}", token);

        Assert.Equal(HttpStatusCode.OK, deleted.Status);
        Assert.Equal("""{"deleteInitiator":true}""", deleted.Text);
        Assert.Equal(HttpStatusCode.NotFound, (await sim.GetAsync($"{Initiators}/{spare}", token)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await sim.DeleteAsync($"{Initiators}/{spare}", token)).Status);
        Assert.Empty((await sim.GetAsync("/api/v1/tasks", token)).Json.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task AnInitiatorInUseCannotBeDeleted()
    {
        var port = (await HostAsync(sim, token, SqlProd01)).GetProperty("initiators")[0].GetProperty("id").GetString();

        var reply = await sim.DeleteAsync($"{Initiators}/{port}", token);

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Contains("belongs to host 'sql-prod-01'", reply.Str("error"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await sim.GetAsync($"{Initiators}/{port}", token)).Status);
    }

    [Fact]
    public async Task ListsFilterByProtocolAndOwningHost()
    {
        var sqlHost = (await HostAsync(sim, token, SqlProd01)).GetProperty("id").GetString();

        var iscsi = await sim.GetAsync(Initiators + "?filter=protocol eq iSCSI&sort=address desc", token);
        var ofHost = await sim.GetAsync($"{Initiators}?filter=hosts.id eq {sqlHost}", token);
        var fcCount = (await sim.GetAsync(Initiators + "?filter=protocol eq FC&limit=0", token)).Json;

        var addresses = Fleet.Names(iscsi, "address");
        Assert.Equal(2, addresses.Count);
        Assert.StartsWith("iqn.1994-05.com.redhat:", addresses[0], StringComparison.Ordinal);
        Assert.Equal("iqn.1991-05.com.microsoft:sql-prod-01.lab.example.com", addresses[1]);
        Assert.Equal(SqlProd01, Assert.Single(ofHost.Json.GetProperty("items").EnumerateArray())
            .GetProperty("hosts")[0].GetProperty("name").GetString());
        Assert.Equal(8, fcCount.GetProperty("total").GetInt32());
        Assert.Empty(fcCount.GetProperty("items").EnumerateArray());
    }
}
