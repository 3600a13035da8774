using System.Net;
using System.Text.Json;
using DsccSimulator.Tests.Infrastructure;

namespace DsccSimulator.Tests;

/// <summary>
/// Volume sets: device-type1/4 application sets (members by volume name) and device-type2 volume collections
/// (members by volume id), all writes asynchronous; the generic <c>/volume-sets</c> views and the volumes'
/// <c>volumeSetId</c> / <c>volcoll_id</c> follow every change.
/// </summary>
public sealed class VolumeSetTests : IAsyncLifetime
{
    private TestSimulator sim;

    private string token;

    public async Task InitializeAsync()
    {
        sim = await TestSimulator.StartAsync();
        token = await sim.TokenAsync();
    }

    public async Task DisposeAsync() => await sim.DisposeAsync();

    [Fact]
    public async Task SeededSetsAndVolumesAgreeBothWays()
    {
        var sets = await sim.GetAsync("/api/v1/volume-sets?sort=name", token);

        Assert.Equal(new[] { "oracle-prod-data", "sql-prod-vc", "vmware-datastores" }, Fleet.Names(sets));
        foreach (var set in sets.Json.GetProperty("items").EnumerateArray())
        {
            var members = set.GetProperty("members").EnumerateArray().Select(m => m.GetString()).ToList();
            Assert.NotEmpty(members);
            var volumes = await sim.GetAsync(
                $"/api/v1/volumes?filter=volumeSetId eq {set.GetProperty("id").GetString()}&sort=name", token);
            Assert.Equal(members.Order(), Fleet.Names(volumes));
            Assert.All(volumes.Json.GetProperty("items").EnumerateArray(),
                v => Assert.Equal(set.GetProperty("systemId").GetString(), v.GetProperty("systemId").GetString()));
        }
    }

    [Fact]
    public async Task ApplicationSetCreateRunsATaskAndMarksItsVolumes()
    {
        var systemId = await Fleet.SystemIdAsync(sim, token, Fleet.PrimeraLab02);
        var path = $"/api/v1/storage-systems/device-type1/{systemId}/applicationsets";

        var task = await sim.FinishTaskAsync(await sim.PostJsonAsync(path, token, """
            {"appSetName":"exchange-db","appSetType":"MICROSOFT_EXCHANGE","appSetImportance":"HIGH",
             "appSetBusinessUnit":"Messaging","appSetComments":"DAG 1","members":["vol-0002","vol-0006"]}
            """), token);

        Assert.Equal("SUCCEEDED", task.Str("state"));
        Assert.Equal("Create Application Set", task.Str("name"));
        var resource = task.Json.GetProperty("associatedResources")[0];
        Assert.Equal("exchange-db", resource.GetProperty("name").GetString());
        Assert.Equal("applicationset", resource.GetProperty("type").GetString());
        var detail = await sim.GetAsync(resource.GetProperty("resourceUri").GetString(), token);
        Assert.Equal(HttpStatusCode.OK, detail.Status);
        Assert.Equal("exchange-db", detail.Str("appSetName"));
        Assert.Equal("Microsoft Exchange", detail.Str("appSetType"));
        Assert.Equal("MICROSOFT_EXCHANGE", detail.Str("appSetTypeEnum"));
        Assert.Equal("HIGH", detail.Str("appSetImportance"));
        Assert.Equal("Messaging", detail.Str("appSetBusinessUnit"));
        Assert.Equal("DAG 1", detail.Str("appSetComments"));
        Assert.Equal(new[] { "vol-0002", "vol-0006" }, Names(detail.Json.GetProperty("members")));
        Assert.Equal(1, detail.Json.GetProperty("appSetId").GetInt32());
        var setId = detail.Str("id");
        Assert.Matches("^[0-9a-f]{32}$", setId);

        var volumes = await sim.GetAsync("/api/v1/volumes?filter=name in (vol-0002,vol-0006)", token);
        Assert.All(volumes.Json.GetProperty("items").EnumerateArray(),
            v => Assert.Equal(setId, v.GetProperty("volumeSetId").GetString()));
        var sizes = volumes.Json.GetProperty("items").EnumerateArray().Sum(v => v.GetProperty("sizeMiB").GetDouble());
        Assert.Equal(sizes, detail.Json.GetProperty("sizeMiB").GetDouble());

        var systemView = await sim.GetAsync($"/api/v1/storage-systems/{systemId}/volume-sets/{setId}", token);
        Assert.Equal(2, systemView.Json.GetProperty("volumesCount").GetInt32());
        Assert.Equal(resource.GetProperty("resourceUri").GetString(), systemView.Str("resourceUri"));
    }

    [Theory]
    [InlineData("device-type4", Fleet.AlletraMp01, "vol-0004,vol-0008,vol-0012", "vol-0016", "vol-0004")]
    [InlineData("device-type1", Fleet.PrimeraLab01, "vol-0001,vol-0005", "vol-0009", "vol-0001")]
    public async Task ApplicationSetEditMovesMembersAndRenames(
        string family, string systemName, string seededMembers, string added, string removed)
    {
        var systemId = await Fleet.SystemIdAsync(sim, token, systemName);
        var setsPath = $"/api/v1/storage-systems/{family}/{systemId}/applicationsets";
        var sets = await sim.GetAsync(setsPath, token);
        var set = Assert.Single(sets.Json.GetProperty("items").EnumerateArray());
        var setId = set.GetProperty("id").GetString();
        var members = Names(set.GetProperty("members"));
        Assert.Equal(seededMembers.Split(','), members);

        var task = await sim.FinishTaskAsync(await sim.PutJsonAsync($"{setsPath}/{setId}", token,
            $$"""
            {"appSetName":"renamed","addMembers":["{{added}}"],"removeMembers":["{{removed}}"],"appSetImportance":"LOW"}
            """),
            token);

        Assert.Equal("SUCCEEDED", task.Str("state"));
        var after = await sim.GetAsync($"/api/v1/volume-sets/{setId}", token);
        Assert.Equal("renamed", after.Str("name"));
        var perType = await sim.GetAsync($"{setsPath}/{setId}?select=members,appSetImportance", token);
        Assert.Equal(members.Where(m => m != removed).Append(added), Names(perType.Json.GetProperty("members")));
        Assert.Equal("LOW", perType.Str("appSetImportance"));
        Assert.Equal(new[] { "appSetImportance", "members" }, perType.PropertyNames.Order());
        Assert.Null(await VolumeSetIdAsync(removed));
        Assert.Equal(setId, await VolumeSetIdAsync(added));
    }

    [Theory]
    [InlineData("""{"appSetName":"x","appSetType":"OTHER","members":["vol-0003"]}""", "NOT_FOUND",
        "Volume 'vol-0003' does not exist on system Primera-Lab-01.", "Add only volumes of the set's own system")]
    [InlineData("""{"appSetName":"x","appSetType":"OTHER","members":["vol-0005"]}""", "BAD_REQUEST",
        "Volume 'vol-0005' is already a member of application set 'oracle-prod-data'.", "Correct the request")]
    [InlineData("""{"appSetName":"oracle-prod-data","appSetType":"OTHER"}""", "BAD_REQUEST",
        "An application set named 'oracle-prod-data' already exists on system Primera-Lab-01.", "Correct the request")]
    public async Task ArrayProblemsFailTheCreateTask(string body, string code, string message, string advice)
    {
        var systemId = await Fleet.SystemIdAsync(sim, token, Fleet.PrimeraLab01);

        var task = await sim.FinishTaskAsync(
            await sim.PostJsonAsync($"/api/v1/storage-systems/device-type1/{systemId}/applicationsets", token, body),
            token);

        Assert.Equal(code, WriteRequests.FailureCode(task));
        Assert.Equal(message, task.Json.GetProperty("error").GetProperty("error").GetString());
        var recommendation = Assert.Single(task.Json.GetProperty("recommendations").EnumerateArray());
        Assert.StartsWith(advice, recommendation.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(3, (await sim.GetAsync("/api/v1/volume-sets", token)).Json.GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData("""{"appSetType":"OTHER"}""", "Missing required property 'appSetName'")]
    [InlineData("""{"appSetName":"x","appSetType":7}""",
        "Property 'appSetType' must be a string or null, not the number 7")]
    [InlineData("""{"appSetName":"x","appSetType":" "}""", "'appSetType' must be a non-empty string")]
    [InlineData("""{"appSetName":"x","appSetType":"OTHER","appSetImportance":"URGENT"}""", "appSetImportance")]
    [InlineData("""{"appSetName":"x","appSetType":"CUSTOM"}""", "customAppType")]
    [InlineData("""{"appSetName":"x","appSetType":"OTHER","members":"vol-0001"}""", "members")]
    [InlineData("""{"name":"x","appSetType":"OTHER"}""", "Unknown property 'name'")]
    public async Task InvalidApplicationSetBodiesAre400(string body, string expected)
    {
        var systemId = await Fleet.SystemIdAsync(sim, token, Fleet.PrimeraLab01);

        var reply = await sim.PostJsonAsync(
            $"/api/v1/storage-systems/device-type1/{systemId}/applicationsets", token, body);

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal("400", reply.Str("errorCode"));
        Assert.Contains(expected, reply.Str("error"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("device-type1", Fleet.PrimeraLab01, "vol-0001")]
    [InlineData("device-type4", Fleet.AlletraMp01, "vol-0004")]
    public async Task ApplicationSetDeleteFreesItsVolumes(string family, string systemName, string member)
    {
        var systemId = await Fleet.SystemIdAsync(sim, token, systemName);
        var setId = await VolumeSetIdAsync(member);
        Assert.NotNull(setId);

        var task = await sim.FinishTaskAsync(
            await sim.DeleteAsync($"/api/v1/storage-systems/{family}/{systemId}/applicationsets/{setId}", token),
            token);

        Assert.Equal("SUCCEEDED", task.Str("state"));
        Assert.Null(await VolumeSetIdAsync(member));
        Assert.Equal(HttpStatusCode.NotFound, (await sim.GetAsync($"/api/v1/volume-sets/{setId}", token)).Status);
        Assert.Equal(HttpStatusCode.OK, (await sim.GetAsync($"/api/v1/volumes?filter=name eq {member}", token)).Status);
    }

    [Fact]
    public async Task WrongFamilyAndUnknownSetAre404()
    {
        var nimble = await Fleet.SystemIdAsync(sim, token, Fleet.NimbleProd01);
        var primera = await Fleet.SystemIdAsync(sim, token, Fleet.PrimeraLab01);

        var wrongFamily = await sim.GetAsync($"/api/v1/storage-systems/device-type1/{nimble}/applicationsets", token);
        var unknown = await sim.GetAsync($"/api/v1/storage-systems/device-type1/{primera}/applicationsets/abc", token);
        var otherSystems = await sim.GetAsync(
            $"/api/v1/storage-systems/{nimble}/volume-sets/{await VolumeSetIdAsync("vol-0001")}", token);

        Assert.Equal(HttpStatusCode.NotFound, wrongFamily.Status);
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.Equal("Application set not found: system Primera-Lab-01 has none with id 'abc'.", unknown.Str("error"));
        Assert.Equal(HttpStatusCode.NotFound, otherSystems.Status);
    }

    [Fact]
    public async Task VolumeCollectionLifecycleKeepsVolcollIdInStep()
    {
        var systemId = await Fleet.SystemIdAsync(sim, token, Fleet.NimbleProd01);
        var collections = $"/api/v1/storage-systems/device-type2/{systemId}/volume-collections";
        var volumes = await sim.GetAsync(
            $"/api/v1/storage-systems/device-type2/{systemId}/volumes"
            + "?filter=name in (vol-0011,vol-0015,vol-0019)&sort=name",
            token);
        var ids = Fleet.Ids(volumes);

        var created = await sim.FinishTaskAsync(await sim.PostJsonAsync(collections, token, $$"""
            {"name":"oracle-vc","description":"Oracle on Nimble","app_sync":"generic","volume_list":["{{ids[0]}}"],
             "metadata":[{"key":"owner","value":"dba"}]}
            """), token);
        Assert.Equal("SUCCEEDED", created.Str("state"));
        var uri = created.Json.GetProperty("associatedResources")[0].GetProperty("resourceUri").GetString();
        var collectionId = uri.Split('/')[^1];
        Assert.Matches("^07[0-9a-f]{40}$", collectionId);

        var actions = $"{collections}/{collectionId}/actions";
        var add = await sim.FinishTaskAsync(await sim.PostJsonAsync(
            actions + "/add-volumes", token, $$"""{"volume_ids":["{{ids[1]}}","{{ids[2]}}"]}"""), token);
        var remove = await sim.FinishTaskAsync(await sim.PostJsonAsync(
            actions + "/remove-volumes", token, $$"""{"volume_ids":["{{ids[0]}}"]}"""), token);
        var edit = await sim.FinishTaskAsync(await sim.PutJsonAsync(
            $"{collections}/{collectionId}", token, """{"description":"Oracle RAC","app_sync":"none"}"""), token);

        Assert.Equal(new[] { "SUCCEEDED", "SUCCEEDED", "SUCCEEDED" },
            new[] { add.Str("state"), remove.Str("state"), edit.Str("state") });
        Assert.Equal("Add Volumes To Volume Collection", add.Str("name"));
        var detail = await sim.GetAsync(uri, token);
        Assert.Equal("Oracle RAC", detail.Str("description"));
        Assert.Equal("none", detail.Str("app_sync"));
        Assert.Equal("dba", detail.Json.GetProperty("metadata")[0].GetProperty("value").GetString());
        Assert.Equal(2, detail.Json.GetProperty("volume_count").GetInt32());
        Assert.Equal(
            new[] { "vol-0015", "vol-0019" }, HostFleet.Strings(detail.Json.GetProperty("volume_list"), "vol_name"));
        Assert.Equal(uri, detail.Str("requestUri"));

        var after = await sim.GetAsync(
            $"/api/v1/storage-systems/device-type2/{systemId}/volumes?filter=volcoll_id eq {collectionId}&sort=name",
            token);
        Assert.Equal(new[] { "vol-0015", "vol-0019" }, Fleet.Names(after));
        Assert.All(after.Json.GetProperty("items").EnumerateArray(),
            v => Assert.Equal("oracle-vc", v.GetProperty("volcoll_name").GetString()));
        Assert.Null(await VolumeSetIdAsync("vol-0011"));

        var deleted = await sim.FinishTaskAsync(
            await sim.DeleteAsync($"{collections}/{collectionId}?force=true", token), token);
        Assert.Equal("SUCCEEDED", deleted.Str("state"));
        Assert.Null(await VolumeSetIdAsync("vol-0015"));
    }

    [Theory]
    [InlineData("""{"name":"-bad"}""", "'name' ('-bad') must be 1-64 letters")]
    [InlineData("""{"name":"ok","app_sync":"rsync"}""", "'app_sync' must be one of none, vss, vmware, generic")]
    [InlineData("""{"name":"ok","volumeList":[]}""", "Unknown property 'volumeList'")]
    [InlineData("""{"description":"no name"}""", "Missing required property 'name'")]
    public async Task InvalidVolumeCollectionBodiesAre400(string body, string expected)
    {
        var systemId = await Fleet.SystemIdAsync(sim, token, Fleet.NimbleProd01);

        var reply = await sim.PostJsonAsync(
            $"/api/v1/storage-systems/device-type2/{systemId}/volume-collections", token, body);

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Contains(expected, reply.Str("error"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"volume_ids":[]}""")]
    [InlineData("""{}""")]
    [InlineData("""{"volume_ids":"06d1884fb66aa73582000000000000000000000001"}""")]
    public async Task MemberActionsNeedAListOfVolumeIds(string body)
    {
        var systemId = await Fleet.SystemIdAsync(sim, token, Fleet.NimbleProd01);
        var collectionId = await VolumeSetIdAsync("vol-0003");

        var reply = await sim.PostJsonAsync(
            $"/api/v1/storage-systems/device-type2/{systemId}/volume-collections/{collectionId}/actions/add-volumes",
            token, body);

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Contains("volume_ids", reply.Str("error"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RemovingAVolumeThatIsNotAMemberFailsTheTask()
    {
        var systemId = await Fleet.SystemIdAsync(sim, token, Fleet.NimbleProd01);
        var collectionId = await VolumeSetIdAsync("vol-0003");
        var outsider = Fleet.Ids(await sim.GetAsync("/api/v1/volumes?filter=name eq vol-0011", token))[0];

        var task = await sim.FinishTaskAsync(await sim.PostJsonAsync(
            $"/api/v1/storage-systems/device-type2/{systemId}/volume-collections/{collectionId}/actions/remove-volumes",
            token, $$"""{"volume_ids":["{{outsider}}"]}"""), token);

        Assert.Equal("BAD_REQUEST", WriteRequests.FailureCode(task));
        Assert.Equal("Volume 'vol-0011' is not a member of volume collection 'sql-prod-vc'.",
            task.Json.GetProperty("error").GetProperty("error").GetString());
    }

    [Fact]
    public async Task GenericListsFilterSortAndSelect()
    {
        var systemId = await Fleet.SystemIdAsync(sim, token, Fleet.NimbleProd01);

        var dt2 = await sim.GetAsync(
            "/api/v1/volume-sets?filter=productFamily eq deviceType2&select=name,members", token);
        var ofSystem = await sim.GetAsync($"/api/v1/storage-systems/{systemId}/volume-sets", token);
        var sorted = await sim.GetAsync("/api/v1/volume-sets?sort=generation desc,name&limit=2", token);

        var item = Assert.Single(dt2.Json.GetProperty("items").EnumerateArray());
        Assert.Equal(new[] { "members", "name" }, item.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(new[] { "sql-prod-vc" }, Fleet.Names(ofSystem));
        Assert.Equal(new[] { "oracle-prod-data", "sql-prod-vc" }, Fleet.Names(sorted));
        Assert.Equal(3, sorted.Json.GetProperty("total").GetInt32());
    }

    private async Task<string> VolumeSetIdAsync(string volumeName)
    {
        var reply = await sim.GetAsync($"/api/v1/volumes?filter=name eq {volumeName}", token);
        var volume = Assert.Single(reply.Json.GetProperty("items").EnumerateArray());
        return volume.TryGetProperty("volumeSetId", out var id) ? id.GetString() : null;
    }

    private static List<string> Names(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()).ToList();
}
