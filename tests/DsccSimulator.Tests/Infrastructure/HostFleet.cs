using System.Net;
using System.Text.Json;

namespace DsccSimulator.Tests.Infrastructure;

/// <summary>The seeded hosts, host groups and initiators (seed 1), found through the API.</summary>
public static class HostFleet
{
    public const string EsxProd01 = "esx-prod-01";

    public const string EsxProd02 = "esx-prod-02";

    public const string SqlProd01 = "sql-prod-01";

    public const string RhelApp01 = "rhel-app-01";

    public const string WinBackup01 = "win-backup-01";

    public const string EsxCluster = "esx-cluster-prod";

    public const string SqlGroup = "sql-prod";

    public static Task<JsonElement> HostAsync(TestSimulator sim, string token, string name) =>
        SingleAsync(sim, token, "/api/v1/host-initiators", name);

    public static Task<JsonElement> GroupAsync(TestSimulator sim, string token, string name) =>
        SingleAsync(sim, token, "/api/v1/host-initiator-groups", name);

    /// <summary>The seeded FC port no host owns.</summary>
    public static async Task<JsonElement> SpareInitiatorAsync(TestSimulator sim, string token)
    {
        var list = await sim.GetAsync("/api/v1/initiators?limit=1000", token);
        return list.Json.GetProperty("items").EnumerateArray()
            .Single(i => i.GetProperty("hosts").GetArrayLength() == 0);
    }

    public static List<string> Strings(JsonElement array, string property) =>
        array.EnumerateArray().Select(e => e.GetProperty(property).GetString()).ToList();

    private static async Task<JsonElement> SingleAsync(TestSimulator sim, string token, string path, string name)
    {
        var reply = await sim.GetAsync($"{path}?filter=name eq '{name}'", token);
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        return Assert.Single(reply.Json.GetProperty("items").EnumerateArray());
    }
}
