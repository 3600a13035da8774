using System.Net;
using DsccSimulator.Tests.Infrastructure;

namespace DsccSimulator.Tests;

/// <summary>
/// One simulator for every request the lifecycle endpoints refuse at once (400, or 404 for an unknown host group).
/// None of them may change anything, so they can share it; each test also checks that no task was created.
/// </summary>
public sealed class LifecycleValidationFixture : IAsyncLifetime
{
    public TestSimulator Sim { get; private set; }

    public string Token { get; private set; }

    public string HostGroupId { get; private set; }

    public Dictionary<string, VolumeTarget> Volumes { get; } = [];

    public async Task InitializeAsync()
    {
        Sim = await TestSimulator.StartAsync();
        Token = await Sim.TokenAsync();
        HostGroupId = Lifecycle.HostGroupId(Sim, "esx-cluster-prod");
        foreach (var family in new[] { "device-type1", "device-type2", "device-type4" })
        {
            Volumes[family] = await Lifecycle.SeededVolumeAsync(Sim, Token, family, Lifecycle.SystemNameOf(family));
        }
    }

    public async Task DisposeAsync() => await Sim.DisposeAsync();
}

/// <summary>Bodies, flags and host group ids of edit, delete, snapshot, clone and export requests.</summary>
public sealed class LifecycleValidationTests(LifecycleValidationFixture fleet)
    : IClassFixture<LifecycleValidationFixture>
{
    [Theory]
    [InlineData("device-type1", "{}", "changes nothing")]
    [InlineData("device-type1", """{"sizeMib":10.5}""", "'sizeMib' must be a whole number of MiB")]
    [InlineData("device-type1", """{"sizeMib":0}""", "'sizeMib' must be a whole number of MiB")]
    [InlineData("device-type1", """{"name":" "}""", "'name' must not be empty")]
    [InlineData("device-type1", """{"size":2048}""", "Unknown property 'size'")]
    [InlineData("device-type1", """{"conversionType":"CONVERSIONTYPE_V1"}""", "not supported")]
    [InlineData("device-type1", """{"conversionType":"THICK"}""", "must be one of")]
    [InlineData("device-type1", """{"conversionType":"CONVERSIONTYPE_THIN","dataReduction":true}""", "contradict")]
    [InlineData("device-type4", """{"userAllocWarning":101}""", "'userAllocWarning' must be 0..100")]
    [InlineData("device-type4", """{"snapCpg":"SSD_r6"}""", "ArcusvolumePut")]
    [InlineData("device-type2", """{"sizeMib":2048}""", "Unknown property 'sizeMib'")]
    [InlineData("device-type2", """{"force":true}""", "changes nothing")]
    [InlineData("device-type2", """{"limit_iops":5}""", "'limit_iops' must be 256..4294967294 (or -1)")]
    [InlineData("device-type2", """{"limit":101}""", "'limit' must be 0..100")]
    [InlineData("device-type2", """{"size":"big"}""", "'size' must be an integer")]
    [InlineData("device-type2", """{"name":"has space"}""", "'name' must be 1 to 215 letters, digits")]
    [InlineData("device-type2", """{"name":".hidden"}""", "must not start with '-', ':' or '.'")]
    public Task EditBodiesAreValidatedStrictly(string family, string body, string expected) =>
        AssertRefusedAsync(HttpMethod.Put, fleet.Volumes[family].Path, body, HttpStatusCode.BadRequest, expected);

    [Theory]
    [InlineData("device-type1", "unExport=yes")]
    [InlineData("device-type1", "cascade=1")]
    [InlineData("device-type2", "force=on")]
    [InlineData("device-type2", "offline=true&offline=false")]
    public Task AFlagThatIsNotABooleanGets400(string family, string query) =>
        AssertRefusedAsync(HttpMethod.Delete, $"{fleet.Volumes[family].Path}?{query}", null,
            HttpStatusCode.BadRequest, "must be true or false");

    [Theory]
    [InlineData("""{"customName":"x"}""", "Missing required property 'namePattern'")]
    [InlineData("""{"namePattern":null}""", "'namePattern' is required")]
    [InlineData("""{"namePattern":"DAILY"}""", "Property 'namePattern' must be one of \"PARENT_TIMESTAMP\"")]
    [InlineData("""{"namePattern":"CUSTOM"}""", "'customName' is required with namePattern CUSTOM")]
    [InlineData("""{"namePattern":"CUSTOM","customName":""}""", "'customName' must not be empty")]
    [InlineData("""{"namePattern":"CUSTOM","customName":"s","expireSecs":0}""", "'expireSecs' must be 1..")]
    [InlineData("""{"namePattern":"CUSTOM","customName":"s","expireSecs":60,"retainSecs":120}""", "must not exceed")]
    [InlineData("""{"namePattern":"CUSTOM","customName":"s","name":"s"}""", "Unknown property 'name'")]
    public Task DeviceType1SnapshotBodiesAreValidated(string body, string expected) =>
        AssertRefusedAsync(HttpMethod.Post, fleet.Volumes["device-type1"].Path + "/snapshots", body,
            HttpStatusCode.BadRequest, expected);

    [Theory]
    [InlineData("""{"name":""}""", "'name' must not be empty")]
    [InlineData("""{"name":"snap/1"}""", "'name' must be 1 to 215 letters, digits")]
    [InlineData("""{"name":"-snap"}""", "must not start with '-', ':' or '.'")]
    [InlineData("""{"description":"x"}""", "Missing required property 'name'")]
    [InlineData("""{"name":"s","metadata":[{"key":"a","value":""}]}""", "non-empty value")]
    [InlineData("""{"name":"s","metadata":[{"key":"a","value":"1"},{"key":"a","value":"2"}]}""", "unique")]
    [InlineData("""{"namePattern":"CUSTOM"}""", "Unknown property 'namePattern'")]
    public Task DeviceType2SnapshotBodiesAreValidated(string body, string expected) =>
        AssertRefusedAsync(HttpMethod.Post, fleet.Volumes["device-type2"].Path + "/snapshots", body,
            HttpStatusCode.BadRequest, expected);

    [Theory]
    [InlineData("""{"online":true}""", "Missing required property 'destinationVolume'", HttpStatusCode.BadRequest)]
    [InlineData("""{"destinationVolume":" "}""", "'destinationVolume' must not be empty", HttpStatusCode.BadRequest)]
    [InlineData("""{"destinationVolume":"c","online":true,"offlineClone":[{}]}""", "not the other one",
        HttpStatusCode.BadRequest)]
    [InlineData("""{"destinationVolume":"c","onlineClone":[{"lun":1}]}""", "'lun' needs 'hostGroupId'",
        HttpStatusCode.BadRequest)]
    [InlineData("""{"destinationVolume":"c","onlineClone":[{"hostGroupId":"feedfeedfeedfeedfeedfeedfeedfeed"}]}""",
        "Host group not found", HttpStatusCode.NotFound)]
    [InlineData("""{"destinationVolume":"c","priority":"URGENT"}""", "must be one of", HttpStatusCode.BadRequest)]
    [InlineData("""{"destinationVolume":"c","offlineClone":[{"useExistingVolume":true,"createVolume":[{}]}]}""",
        "contradicts", HttpStatusCode.BadRequest)]
    // v1.4.0 declares the clone options as arrays; the object form of v1.5.0 is refused by the schema check.
    [InlineData("""{"destinationVolume":"c","onlineClone":{"destinationCpg":"SSD_r1"}}""",
        "Property 'onlineClone' must be an array or null, not an object", HttpStatusCode.BadRequest)]
    [InlineData("""{"destinationVolume":"c","offlineClone":[{"createVolume":{"destinationCpg":"SSD_r1"}}]}""",
        "Property 'offlineClone[0].createVolume' must be an array or null, not an object", HttpStatusCode.BadRequest)]
    // The schema allows any length; only one element names one set of options.
    [InlineData("""{"destinationVolume":"c","onlineClone":[]}""",
        "'onlineClone' must be an array of exactly one object", HttpStatusCode.BadRequest)]
    [InlineData("""{"destinationVolume":"c","offlineClone":[{},{}]}""",
        "'offlineClone' must be an array of exactly one object", HttpStatusCode.BadRequest)]
    [InlineData("""{"destinationVolume":"c","offlineClone":[{"createVolume":[null]}]}""",
        "'offlineClone.createVolume' must be an array of exactly one object", HttpStatusCode.BadRequest)]
    public Task CloneBodiesAreValidated(string body, string expected, HttpStatusCode status) =>
        AssertRefusedAsync(HttpMethod.Post, fleet.Volumes["device-type1"].Path + "/clone", body, status, expected);

    [Theory]
    [InlineData("""{"host_group_id":"x"}""", "Missing required property 'clone_volume_name'")]
    [InlineData("""{"clone_volume_name":"c","lun":2048}""", "'lun' must be 0..2047")]
    [InlineData("""{"clone_volume_name":"c","destinationVolume":"d"}""", "Unknown property 'destinationVolume'")]
    public Task DeviceType2CloneBodiesAreValidated(string body, string expected) =>
        AssertRefusedAsync(HttpMethod.Post, fleet.Volumes["device-type2"].Path + "/clone", body,
            HttpStatusCode.BadRequest, expected);

    [Theory]
    [InlineData("/export", """{"hostGroupIds":[]}""", "must name at least one host group", HttpStatusCode.BadRequest)]
    [InlineData("/export", """{"autoLun":true}""", "must name at least one host group", HttpStatusCode.BadRequest)]
    [InlineData("/export", """{"hostGroupIds":["{esx1}","{esx1}"]}""", "twice", HttpStatusCode.BadRequest)]
    [InlineData("/export", """{"hostGroupIds":[""]}""", "must not contain empty ids", HttpStatusCode.BadRequest)]
    [InlineData("/export", """{"hostGroupIds":"{esx1}"}""", "must be an array", HttpStatusCode.BadRequest)]
    [InlineData("/export", """{"hostGroupIds":["{esx1}"],"proximity":"NEAR"}""", "must be one of",
        HttpStatusCode.BadRequest)]
    [InlineData("/export", """{"hostGroupIds":["feedfeedfeedfeedfeedfeedfeedfeed"]}""",
        "no host group has id 'feedfeedfeedfeedfeedfeedfeedfeed'", HttpStatusCode.NotFound)]
    [InlineData("/un-export", "{}", "Missing required property 'hostGroupIds'", HttpStatusCode.BadRequest)]
    [InlineData("/un-export", """{"hostGroupIds":["feedfeedfeedfeedfeedfeedfeedfeed"]}""", "Host group not found",
        HttpStatusCode.NotFound)]
    public Task ExportBodiesAreValidated(string action, string body, string expected, HttpStatusCode status) =>
        AssertRefusedAsync(HttpMethod.Post, fleet.Volumes["device-type1"].Path + action, body, status, expected);

    [Theory]
    [InlineData("/export", """{"host_groups":[]}""", "must name at least one host group", HttpStatusCode.BadRequest)]
    [InlineData("/export", """{"host_groups":[{"lun":1}]}""", "must not contain empty ids", HttpStatusCode.BadRequest)]
    [InlineData("/export", """{"host_groups":[{"host_group_id":"{esx1}","lun":4096}]}""", "'lun' must be 0..2047",
        HttpStatusCode.BadRequest)]
    [InlineData("/export", """{"host_groups":[{"host_group_id":"{esx1}"}],"apply_to":"pe"}""", "must be one of",
        HttpStatusCode.BadRequest)]
    [InlineData("/export", """{"hostGroupIds":["{esx1}"]}""", "Unknown property 'hostGroupIds'",
        HttpStatusCode.BadRequest)]
    [InlineData("/un-export", """{"host_groups":["{esx1}"]}""", "Property 'host_groups[0]' must be an object",
        HttpStatusCode.BadRequest)]
    [InlineData("/un-export", """{"host_groups":[{"host_group_id":"0000"}]}""", "Host group not found",
        HttpStatusCode.NotFound)]
    public Task DeviceType2ExportBodiesAreValidated(
        string action, string body, string expected, HttpStatusCode status) =>
        AssertRefusedAsync(HttpMethod.Post, fleet.Volumes["device-type2"].Path + action, body, status, expected);

    /// <summary>Sends the request; checks the storage <c>errorResponse</c>, its text, and that no task ran.</summary>
    private async Task AssertRefusedAsync(
        HttpMethod method, string path, string body, HttpStatusCode status, string expectedError)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new("Bearer", fleet.Token);
        if (body is not null)
        {
            request.Content = new StringContent(body.Replace("{esx1}", fleet.HostGroupId), null, "application/json");
        }

        var reply = await fleet.Sim.SendAsync(request);

        Assert.Equal(status, reply.Status);
        Assert.Equal(new[] { "error", "errorCode" }, reply.PropertyNames);
        Assert.Equal(((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture), reply.Str("errorCode"));
        Assert.Contains(expectedError, reply.Str("error"));
        var tasks = await fleet.Sim.GetAsync("/api/v1/tasks", fleet.Token);
        Assert.Equal(0, tasks.Json.GetProperty("total").GetInt32());
    }
}
