using System.Net;
using DsccSimulator.Tests.Infrastructure;

namespace DsccSimulator.Tests;

/// <summary>
/// Exports to fleet host groups: device-type1/4 VLUNs (<c>export</c>, <c>un-export</c>, <c>vluns</c>) and device-type2
/// access control records (<c>export</c>, <c>un-export</c>, <c>access-control-records</c>).
/// </summary>
public sealed class ExportTests : IAsyncLifetime
{
    private TestSimulator sim;

    private string token;

    private string esx1;

    private string esx2;

    public async Task InitializeAsync()
    {
        sim = await TestSimulator.StartAsync();
        token = await sim.TokenAsync();
        esx1 = Lifecycle.HostGroupId(sim, "esx-cluster-prod");
        esx2 = Lifecycle.HostGroupId(sim, "oracle-prod");
    }

    public async Task DisposeAsync() => await sim.DisposeAsync();

    [Fact]
    public void SeededHostGroupsHave32HexIds()
    {
        Assert.Matches("^[0-9a-f]{32}$", esx1);
        Assert.NotEqual(esx1, esx2);
    }

    [Theory]
    [InlineData("device-type1")]
    [InlineData("device-type4")]
    public async Task ExportCreatesOneVlunPerHostGroupWithTheLowestFreeLun(string family)
    {
        var first = await Lifecycle.SeededVolumeAsync(sim, token, family, Lifecycle.SystemNameOf(family), 0);
        var second = await Lifecycle.SeededVolumeAsync(sim, token, family, Lifecycle.SystemNameOf(family), 1);

        var submitted = await sim.PostJsonAsync(first.Path + "/export", token,
            $$"""{"hostGroupIds":["{{esx1}}","{{esx2}}"],"autoLun":true,"proximity":"ALL"}""");
        sim.Clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(0, (await sim.GetAsync(first.Path + "/vluns", token)).Json.GetProperty("total").GetInt32());
        sim.Clock.Advance(TimeSpan.FromSeconds(5));
        var task = await sim.GetAsync(submitted.Str("taskUri"), token);
        var secondTask = await sim.PostAndFinishAsync(
            second.Path + "/export", token, $$"""{"hostGroupIds":["{{esx1}}"]}""");

        Lifecycle.AssertSucceeded(task);
        Assert.Equal("Export Volume", task.Str("name"));
        Assert.Equal((first.Name, first.Path, "volume"), Lifecycle.AssociatedResource(task));
        Lifecycle.AssertSucceeded(secondTask);
        var vluns = await sim.GetAsync(first.Path + "/vluns?sort=lun", token);
        Assert.Equal(2, vluns.Json.GetProperty("total").GetInt32());
        var items = vluns.Json.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(new[] { "esx-cluster-prod", "oracle-prod" },
            items.Select(v => v.GetProperty("initiators").GetProperty("deviceDiscoveredName").GetString()).Order());
        Assert.All(items, v => Assert.Equal(0, v.GetProperty("lun").GetInt64()));
        Assert.All(items, v => Assert.Equal(first.Name, v.GetProperty("volumeName").GetString()));
        var secondVlun = (await sim.GetAsync(second.Path + "/vluns", token)).Json.GetProperty("items")[0];
        Assert.Equal(1, secondVlun.GetProperty("lun").GetInt64());

        var vlunUri = items[0].GetProperty("resourceUri").GetString();
        Assert.StartsWith(first.Path + "/vluns/", vlunUri);
        var vlun = await sim.GetAsync(vlunUri, token);
        Assert.Equal(HttpStatusCode.OK, vlun.Status);
        Assert.Equal("VLUNTYPE_HOST_SET", vlun.Str("type"));
        Assert.Equal(vlunUri, vlun.Str("requestUri"));

        var perType = await sim.GetAsync(first.Path, token);
        Assert.Equal(2, perType.Json.GetProperty("initiators").GetArrayLength());
        var generic = await sim.GetAsync(first.GenericPath, token);
        var initiator = generic.Json.GetProperty("initiators")
            .EnumerateArray().Single(i => i.GetProperty("id").GetString() == esx1);
        Assert.Equal($"/api/v1/host-initiator-groups/{esx1}", initiator.GetProperty("resourceUri").GetString());
        Assert.Equal("host-initiator-groups", initiator.GetProperty("type").GetString());
        var exported = await sim.GetAsync($"/api/v1/volumes?filter=initiators.id eq {esx1}&sort=name", token);
        Assert.Equal(new[] { first.Name, second.Name }, Fleet.Names(exported));
    }

    [Fact]
    public async Task ExportingTwiceToAHostGroupFailsUnlessOverride()
    {
        var volume = await Lifecycle.SeededVolumeAsync(sim, token, "device-type1", Fleet.PrimeraLab01);
        var body = $$"""{"hostGroupIds":["{{esx1}}"]}""";
        Lifecycle.AssertSucceeded(await sim.PostAndFinishAsync(volume.Path + "/export", token, body));

        var again = await sim.PostAndFinishAsync(volume.Path + "/export", token, body);
        var overridden = await sim.PostAndFinishAsync(
            volume.Path + "/export", token, $$"""{"hostGroupIds":["{{esx1}}","{{esx2}}"],"override":true}""");

        Assert.Contains("is already exported to host group 'esx-cluster-prod' (LUN 0)", Lifecycle.AssertFailed(again));
        Lifecycle.AssertSucceeded(overridden);
        Assert.Equal(2, (await sim.GetAsync(volume.Path + "/vluns", token)).Json.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task TwoConcurrentExportsToOneHostGroupLetOnlyTheFirstSucceed()
    {
        var volume = await Lifecycle.SeededVolumeAsync(sim, token, "device-type4", Fleet.AlletraMp01);
        var body = $$"""{"hostGroupIds":["{{esx1}}"]}""";

        var first = await sim.PostJsonAsync(volume.Path + "/export", token, body);
        var second = await sim.PostJsonAsync(volume.Path + "/export", token, body);
        sim.Clock.Advance(Lifecycle.TaskDuration);

        Lifecycle.AssertSucceeded(await sim.GetAsync(first.Str("taskUri"), token));
        var secondTask = await sim.GetAsync(second.Str("taskUri"), token);
        Assert.Contains("already being exported", Lifecycle.AssertFailed(secondTask));
        Assert.Equal(1, (await sim.GetAsync(volume.Path + "/vluns", token)).Json.GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData("device-type1")]
    [InlineData("device-type4")]
    public async Task UnExportRemovesTheVlunsOfTheNamedHostGroupsOnly(string family)
    {
        var volume = await Lifecycle.SeededVolumeAsync(sim, token, family, Lifecycle.SystemNameOf(family));
        Lifecycle.AssertSucceeded(await sim.PostAndFinishAsync(
            volume.Path + "/export", token, $$"""{"hostGroupIds":["{{esx1}}","{{esx2}}"]}"""));

        var task = await sim.PostAndFinishAsync(
            volume.Path + "/un-export", token, $$"""{"hostGroupIds":["{{esx1}}"]}""");
        var notExported = await sim.PostAndFinishAsync(
            volume.Path + "/un-export", token, $$"""{"hostGroupIds":["{{esx1}}"]}""");

        Lifecycle.AssertSucceeded(task);
        Assert.Equal("Unexport Volume", task.Str("name"));
        Assert.Equal((volume.Name, volume.Path, "volume"), Lifecycle.AssociatedResource(task));
        var vluns = await sim.GetAsync(volume.Path + "/vluns", token);
        Assert.Equal(new[] { esx2 }, vluns.Json.GetProperty("items").EnumerateArray()
            .Select(v => v.GetProperty("initiators").GetProperty("id").GetString()));
        Assert.Contains(
            "is not exported to host group 'esx-cluster-prod'", Lifecycle.AssertFailed(notExported, "NOT_FOUND"));
    }

    [Theory]
    [InlineData("device-type1")]
    [InlineData("device-type4")]
    public async Task DeletingAVlunByIdRemovesIt(string family)
    {
        var volume = await Lifecycle.SeededVolumeAsync(sim, token, family, Lifecycle.SystemNameOf(family));
        Lifecycle.AssertSucceeded(await sim.PostAndFinishAsync(
            volume.Path + "/export", token, $$"""{"hostGroupIds":["{{esx1}}"]}"""));
        var vlunUri = (await sim.GetAsync(volume.Path + "/vluns", token)).Json.GetProperty("items")[0]
            .GetProperty("resourceUri").GetString();

        var task = await sim.DeleteAndFinishAsync(vlunUri, token);

        Lifecycle.AssertSucceeded(task);
        Assert.Equal("Delete VLUN", task.Str("name"));
        Assert.Equal(HttpStatusCode.NotFound, (await sim.GetAsync(vlunUri, token)).Status);
        Assert.Empty((await sim.GetAsync(volume.GenericPath, token)).Json.GetProperty("initiators").EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound, (await sim.DeleteAsync(vlunUri, token)).Status);
    }

    [Fact]
    public async Task DeviceType2ExportCreatesAccessControlRecords()
    {
        var volume = await Lifecycle.SeededVolumeAsync(sim, token, "device-type2", Fleet.NimbleProd01);

        var task = await sim.PostAndFinishAsync(volume.Path + "/export", token,
            $$"""
            {"apply_to":"volume","host_groups":[{"host_group_id":"{{esx1}}","lun":5},{"host_group_id":"{{esx2}}"}]}
            """);

        Lifecycle.AssertSucceeded(task);
        Assert.Equal((volume.Name, volume.Path, "volume"), Lifecycle.AssociatedResource(task));
        var detail = await sim.GetAsync(volume.Path, token);
        var records = detail.Json.GetProperty("access_control_records").EnumerateArray().ToList();
        Assert.Equal(new long[] { 5, 0 }, records.Select(r => r.GetProperty("lun").GetInt64()));
        Assert.All(records, r => Assert.Equal("volume", r.GetProperty("apply_to").GetString()));
        Assert.Equal("esx-cluster-prod", records[0].GetProperty("initiator_group_name").GetString());
        Assert.Matches("^02[0-9a-f]{40}$", records[0].GetProperty("initiator_group_id").GetString());
        var groups = detail.Json.GetProperty("volume_export_details").GetProperty("hostGroups");
        Assert.Equal(new[] { esx1, esx2 },
            groups.EnumerateArray().Select(g => g.GetProperty("sc_host_group_id").GetString()));

        var list = await sim.GetAsync(volume.SystemPath + "/access-control-records?filter=lun eq 5", token);
        var item = Assert.Single(list.Json.GetProperty("items").EnumerateArray());
        Assert.Equal(volume.Id, item.GetProperty("vol_id").GetString());
        var recordUri = item.GetProperty("resourceUri").GetString();
        Assert.Equal($"{volume.SystemPath}/access-control-records/{item.GetProperty("id").GetString()}", recordUri);
        var record = await sim.GetAsync(recordUri, token);
        Assert.Equal(HttpStatusCode.OK, record.Status);
        Assert.Equal(volume.Name, record.Str("vol_name"));
        Assert.Equal(recordUri, record.Str("requestUri"));
    }

    [Fact]
    public async Task DeviceType2DefaultsApplyToBothAndChangesItOnlyWithForceApplyTo()
    {
        var volume = await Lifecycle.SeededVolumeAsync(sim, token, "device-type2", Fleet.NimbleProd01);
        var body = $$"""{"host_groups":[{"host_group_id":"{{esx1}}"}]}""";
        Lifecycle.AssertSucceeded(await sim.PostAndFinishAsync(volume.Path + "/export", token, body));

        var again = await sim.PostAndFinishAsync(volume.Path + "/export", token, body);
        var forced = await sim.PostAndFinishAsync(volume.Path + "/export", token,
            $$"""{"apply_to":"snapshot","force_apply_to":true,"host_groups":[{"host_group_id":"{{esx1}}"}]}""");

        Assert.Contains("force_apply_to=true", again.Json.GetProperty("recommendations")[0].GetProperty("message")
            .GetString());
        Lifecycle.AssertFailed(again);
        Lifecycle.AssertSucceeded(forced);
        var record = (await sim.GetAsync(volume.Path, token)).Json.GetProperty("access_control_records")[0];
        Assert.Equal("snapshot", record.GetProperty("apply_to").GetString());
    }

    [Fact]
    public async Task DeviceType2LunInUseForTheHostGroupFailsTheTask()
    {
        var first = await Lifecycle.SeededVolumeAsync(sim, token, "device-type2", Fleet.NimbleProd01, 0);
        var second = await Lifecycle.SeededVolumeAsync(sim, token, "device-type2", Fleet.NimbleProd01, 1);
        var body = $$"""{"host_groups":[{"host_group_id":"{{esx1}}","lun":3}]}""";
        Lifecycle.AssertSucceeded(await sim.PostAndFinishAsync(first.Path + "/export", token, body));

        var task = await sim.PostAndFinishAsync(second.Path + "/export", token, body);
        var otherGroup = await sim.PostAndFinishAsync(second.Path + "/export", token, body.Replace(esx1, esx2));

        Assert.Contains($"LUN 3 is already used by volume '{first.Name}' for host group 'esx-cluster-prod'",
            Lifecycle.AssertFailed(task));
        Lifecycle.AssertSucceeded(otherGroup);
    }

    [Fact]
    public async Task DeviceType2UnExportAndRecordDeleteRemoveRecords()
    {
        var volume = await Lifecycle.SeededVolumeAsync(sim, token, "device-type2", Fleet.NimbleProd01);
        Lifecycle.AssertSucceeded(await sim.PostAndFinishAsync(volume.Path + "/export", token,
            $$"""{"host_groups":[{"host_group_id":"{{esx1}}"},{"host_group_id":"{{esx2}}"}]}"""));
        var records = volume.SystemPath + "/access-control-records";

        var unexport = await sim.PostAndFinishAsync(
            volume.Path + "/un-export", token, $$"""{"host_groups":[{"host_group_id":"{{esx1}}"}]}""");
        var afterUnexport = await sim.GetAsync(volume.Path, token);
        var remaining = Assert.Single((await sim.GetAsync(records, token)).Json.GetProperty("items").EnumerateArray());
        var delete = await sim.DeleteAndFinishAsync(remaining.GetProperty("resourceUri").GetString(), token);

        Lifecycle.AssertSucceeded(unexport);
        var exportedTo = afterUnexport.Json.GetProperty("volume_export_details").GetProperty("hostGroups");
        Assert.Equal(esx2, Assert.Single(exportedTo.EnumerateArray()).GetProperty("sc_host_group_id").GetString());
        Assert.Equal("oracle-prod", remaining.GetProperty("initiator_group_name").GetString());
        Lifecycle.AssertSucceeded(delete);
        Assert.Equal("Delete Access Control Record", delete.Str("name"));
        Assert.Equal(0, (await sim.GetAsync(records, token)).Json.GetProperty("total").GetInt32());
        Assert.Empty((await sim.GetAsync(volume.Path, token)).Json.GetProperty("access_control_records")
            .EnumerateArray());
    }

    [Fact]
    public async Task UnknownRecordsAndVlunsGet404()
    {
        var nimble = await Lifecycle.SeededVolumeAsync(sim, token, "device-type2", Fleet.NimbleProd01);
        var primera = await Lifecycle.SeededVolumeAsync(sim, token, "device-type1", Fleet.PrimeraLab01);

        var record = await sim.GetAsync(
            nimble.SystemPath + "/access-control-records/0d0000000000000000000000000000000000000001", token);
        var vlun = await sim.GetAsync(primera.Path + "/vluns/0123456789abcdef0123456789abcdef", token);
        var wrongFamily = await sim.GetAsync(
            $"/api/v1/storage-systems/device-type2/{primera.SystemId}/access-control-records", token);

        Assert.Equal(HttpStatusCode.NotFound, record.Status);
        Assert.Contains("Access control record not found", record.Str("error"));
        Assert.Equal(HttpStatusCode.NotFound, vlun.Status);
        Assert.Equal(HttpStatusCode.NotFound, wrongFamily.Status);
    }
}
