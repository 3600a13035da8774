using System.Net;
using System.Net.Http.Headers;
using System.Text;
using DsccSimulator.Store;
using Microsoft.Extensions.DependencyInjection;

namespace DsccSimulator.Tests.Infrastructure;

/// <summary>A volume the lifecycle tests work on, with the per-type paths around it.</summary>
public sealed record VolumeTarget(string Family, string SystemId, string Id, string Name, long SizeMiB)
{
    public string SystemPath => $"/api/v1/storage-systems/{Family}/{SystemId}";

    public string Path => $"{SystemPath}/volumes/{Id}";

    public string GenericPath => $"/api/v1/volumes/{Id}";
}

/// <summary>Helpers for the volume lifecycle tests (edit, delete, snapshots, clones, exports).</summary>
public static class Lifecycle
{
    /// <summary>The test task duration (10 s); advancing by it finishes every task submitted before.</summary>
    public static readonly TimeSpan TaskDuration = TimeSpan.FromSeconds(10);
    /// <summary>Checks the 202 <c>taskResponse</c>, lets the task run to its end and returns the task.</summary>
    public static async Task<Reply> FinishAsync(this TestSimulator sim, Reply submitted, string token)
    {
        Assert.True(submitted.Status == HttpStatusCode.Accepted, $"{submitted.Status}: {submitted.Text}");
        Assert.Equal("SUBMITTED", submitted.Str("status"));
        sim.Clock.Advance(TaskDuration);
        var task = await sim.GetAsync(submitted.Str("taskUri"), token);
        Assert.Equal(HttpStatusCode.OK, task.Status);
        return task;
    }

    public static async Task<Reply> PostAndFinishAsync(
        this TestSimulator sim, string path, string token, string json) =>
        await sim.FinishAsync(await sim.PostJsonAsync(path, token, json), token);

    public static async Task<Reply> PutAndFinishAsync(
        this TestSimulator sim, string path, string token, string json) =>
        await sim.FinishAsync(await sim.PutJsonAsync(path, token, json), token);

    public static async Task<Reply> DeleteAndFinishAsync(this TestSimulator sim, string path, string token) =>
        await sim.FinishAsync(await sim.DeleteAsync(path, token), token);

    public static void AssertSucceeded(Reply task) =>
        Assert.True(task.Str("state") == "SUCCEEDED", $"Task did not succeed: {task.Text}");

    /// <summary>Asserts the task FAILED the way an array refusal does and returns its error text.</summary>
    public static string AssertFailed(Reply task, string errorCode = "BAD_REQUEST")
    {
        Assert.Equal("FAILED", task.Str("state"));
        Assert.Equal("ERROR", task.Str("healthStatus"));
        var error = task.Json.GetProperty("error");
        Assert.Equal(errorCode, error.GetProperty("errorCode").GetString());
        Assert.Empty(task.Json.GetProperty("associatedResources").EnumerateArray());
        return error.GetProperty("error").GetString();
    }

    /// <summary>The single <c>{name, resourceUri, type}</c> a successful task points at.</summary>
    public static (string Name, string ResourceUri, string Type) AssociatedResource(Reply task)
    {
        var resource = Assert.Single(task.Json.GetProperty("associatedResources").EnumerateArray());
        return (resource.GetProperty("name").GetString(), resource.GetProperty("resourceUri").GetString(),
            resource.GetProperty("type").GetString());
    }

    /// <summary>A seeded fleet host group's id, read from the store's host inventory.</summary>
    public static string HostGroupId(TestSimulator sim, string name) =>
        sim.App.Services.GetRequiredService<FleetStore>().Hosts.Snapshot().Groups.Single(g => g.Name == name).Id;

    /// <summary>
    /// The volume at <paramref name="index"/> (by name) of a system, with its per-type paths; before any volume is
    /// created, that is a seeded one (<c>vol-NNNN</c>), with data written to it.
    /// </summary>
    public static async Task<VolumeTarget> SeededVolumeAsync(
        TestSimulator sim, string token, string family, string systemName, int index = 0)
    {
        var systemId = await Fleet.SystemIdAsync(sim, token, systemName);
        var list = await sim.GetAsync($"/api/v1/storage-systems/{systemId}/volumes?sort=name&limit=100", token);
        var item = list.Json.GetProperty("items")[index];
        return new VolumeTarget(family, systemId, item.GetProperty("id").GetString(),
            item.GetProperty("name").GetString(), (long)item.GetProperty("sizeMiB").GetDouble());
    }

    /// <summary>Creates a new, empty (thin, nothing written) volume and returns it.</summary>
    public static async Task<VolumeTarget> NewVolumeAsync(
        TestSimulator sim, string token, string family, string systemName, string name, long sizeMiB = 4096)
    {
        var systemId = await Fleet.SystemIdAsync(sim, token, systemName);
        var body = family == "device-type2"
            ? $$"""{"name":"{{name}}","size":{{sizeMiB}}}"""
            : $$"""{"name":"{{name}}","userCpg":"SSD_r6","sizeMib":{{sizeMiB}}}""";
        var task = await sim.PostAndFinishAsync($"/api/v1/storage-systems/{family}/{systemId}/volumes", token, body);
        AssertSucceeded(task);
        var id = AssociatedResource(task).ResourceUri.Split('/')[^1];
        return new VolumeTarget(family, systemId, id, name, sizeMiB);
    }

    public static string SystemNameOf(string family) => family switch
    {
        "device-type1" => Fleet.PrimeraLab01,
        "device-type2" => Fleet.NimbleProd01,
        _ => Fleet.AlletraMp01,
    };
}
