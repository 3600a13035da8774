using System.Net;
using DsccSimulator.Resources.Issues;
using DsccSimulator.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace DsccSimulator.Tests;

/// <summary>
/// Responses of hosts, host groups, initiators, volume sets, audit events and issues checked against the schema
/// each operation declares in the spec (see <see cref="SpecAssert"/>).
/// </summary>
public sealed class HostsSetsAuditConformanceTests : IAsyncLifetime
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
            ["host"] = (await HostFleet.HostAsync(sim, token, HostFleet.EsxProd01)).GetProperty("id").GetString(),
            ["group"] = (await HostFleet.GroupAsync(sim, token, HostFleet.EsxCluster)).GetProperty("id").GetString(),
            ["issue"] = sim.App.Services.GetRequiredService<IssueBook>().Active[0].Id.ToString(),
        };
        ids["initiator"] = (await HostFleet.SpareInitiatorAsync(sim, token)).GetProperty("id").GetString();
        foreach (var family in new[] { "dt1", "dt2", "dt4" })
        {
            var sets = await sim.GetAsync($"/api/v1/storage-systems/{ids[family]}/volume-sets", token);
            ids[family + "set"] = Fleet.Ids(sets)[0];
        }
    }

    public async Task DisposeAsync() => await sim.DisposeAsync();

    [Theory]
    [InlineData("/api/v1/host-initiators", "HostsList")]
    [InlineData("/api/v1/host-initiators/{host}", "HostDetails")]
    [InlineData("/api/v1/host-initiator-groups", "HostGroupsList")]
    [InlineData("/api/v1/host-initiator-groups/{group}", "HostGroupDetails")]
    [InlineData("/api/v1/initiators", "InitiatorList")]
    [InlineData("/api/v1/initiators/{initiator}", "InitiatorDetails")]
    [InlineData("/api/v1/host-initiators/0123", "errorResponse")]
    [InlineData("/api/v1/volume-sets", "fleetVolumeSetList")]
    [InlineData("/api/v1/volume-sets/{dt2set}", "fleetVolumeSetDetails")]
    [InlineData("/api/v1/storage-systems/{dt4}/volume-sets", "fleetVolumeSetList")]
    [InlineData("/api/v1/storage-systems/{dt1}/volume-sets/{dt1set}", "fleetSystemVolumeset")]
    [InlineData("/api/v1/storage-systems/device-type1/{dt1}/applicationsets", "PrimeraApplicationSetsList")]
    [InlineData("/api/v1/storage-systems/device-type1/{dt1}/applicationsets/{dt1set}", "PrimeraApplicationSetDetails")]
    [InlineData("/api/v1/storage-systems/device-type4/{dt4}/applicationsets", "ArcusApplicationSetsList")]
    [InlineData("/api/v1/storage-systems/device-type4/{dt4}/applicationsets/{dt4set}", "ArcusApplicationSetDetails")]
    [InlineData("/api/v1/storage-systems/device-type2/{dt2}/volume-collections", "NimbleVolumeCollectionList")]
    [InlineData("/api/v1/storage-systems/device-type2/{dt2}/volume-collections/{dt2set}",
        "NimbleVCollectionDetailsWithRequestUri")]
    [InlineData("/api/v1/storage-systems/device-type2/{dt2}/volumes", "NimbleVolumesList")]
    [InlineData("/api/v1/volumes", "fleetVolumesList")]
    [InlineData("/api/v1/issues", "IssuesList")]
    [InlineData("/api/v1/issues/{issue}", "IssueDetails")]
    [InlineData("/api/v1/issues/00000000-0000-0000-0000-000000000000", "ErrorResponse")]
    [InlineData("/api/v1/audit-events?sort=a,b", "AuditBadRequest")]
    public async Task ReadsMatchTheirSpecSchema(string pathTemplate, string schema)
    {
        var path = ids.Aggregate(pathTemplate, (p, id) => p.Replace("{" + id.Key + "}", id.Value));

        var reply = await sim.GetAsync(path, token);

        Assert.True(reply.Status is HttpStatusCode.OK or HttpStatusCode.NotFound or HttpStatusCode.BadRequest,
            $"{path}: {reply.Status}");
        SpecAssert.Conforms(reply.Json, schema);
    }

    [Fact]
    public async Task WritesAndTheAuditTrailMatchTheirSpecSchemas()
    {
        var group = await sim.PostJsonAsync("/api/v1/host-initiator-groups", token, """
            {"name":"conform","hostsToCreate":[{"name":"conform-h","operatingSystem":"Ubuntu",
              "initiatorsToCreate":[{"address":"iqn.2004-10.com.ubuntu:01:conform","protocol":"iSCSI"}]}]}
            """);
        var initiator = await sim.PostJsonAsync("/api/v1/initiators", token,
            """{"address":"nqn.2014-08.org.nvmexpress:uuid:conform","protocol":"NVMe"}""");
        var host = await sim.PostJsonAsync("/api/v1/host-initiators", token,
            $$"""{"name":"conform-2","operatingSystem":"Ubuntu","initiatorIds":["{{initiator.Str("id")}}"]}""");
        var edit = await sim.PutJsonAsync($"/api/v1/host-initiators/{host.Str("id")}", token, """{"name":"c2"}""");
        var appSet = await sim.PostJsonAsync($"/api/v1/storage-systems/device-type4/{ids["dt4"]}/applicationsets",
            token, """{"appSetName":"conform","appSetType":"SAP_HANA","members":["vol-0016"]}""");
        var deleted = await sim.DeleteAsync($"/api/v1/initiators/{ids["initiator"]}", token);
        await sim.FinishTaskAsync(edit, token);
        await sim.FinishTaskAsync(appSet, token);

        SpecAssert.Conforms(group.Json, "HostGroupObject");
        SpecAssert.Conforms(initiator.Json, "Initiator");
        SpecAssert.Conforms(host.Json, "HostObject");
        SpecAssert.Conforms(edit.Json, "taskResponse");
        SpecAssert.Conforms(appSet.Json, "taskResponse");
        SpecAssert.Conforms(deleted.Json, "DeleteInitiator");
        var trail = await sim.GetAsync("/api/v1/audit-events", token);
        Assert.Equal(8, trail.Json.GetProperty("total").GetInt32());
        SpecAssert.Conforms(trail.Json, "AuditResults");
        var sets = await sim.GetAsync($"/api/v1/storage-systems/device-type4/{ids["dt4"]}/applicationsets", token);
        SpecAssert.Conforms(sets.Json, "ArcusApplicationSetsList");
    }

    [Fact]
    public async Task AnInactiveIssueAnswersTheSpecsErrorResponse()
    {
        var cleared = sim.App.Services.GetRequiredService<IssueBook>().All.Single(i => !i.IsActive).Id;

        var reply = await sim.GetAsync($"/api/v1/issues/{cleared}", token);

        Assert.Equal(HttpStatusCode.Conflict, reply.Status);
        SpecAssert.Conforms(reply.Json, "ErrorResponse");
    }
}
