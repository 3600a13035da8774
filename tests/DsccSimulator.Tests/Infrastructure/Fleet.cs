using System.Net;

namespace DsccSimulator.Tests.Infrastructure;

/// <summary>Ids of the seeded fleet (seed 1), looked up through the API so tests read like client code.</summary>
public static class Fleet
{
    public const string PrimeraLab01 = "Primera-Lab-01";

    public const string PrimeraLab02 = "Primera-Lab-02";

    public const string NimbleProd01 = "Nimble-Prod-01";

    public const string AlletraMp01 = "AlletraMP-01";

    public static async Task<string> SystemIdAsync(TestSimulator sim, string token, string name)
    {
        var reply = await sim.GetAsync($"/api/v1/storage-systems?filter=name eq '{name}'", token);
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        return reply.Json.GetProperty("items")[0].GetProperty("id").GetString();
    }

    public static async Task<string> PoolIdAsync(TestSimulator sim, string token, string systemId, string poolName)
    {
        var reply = await sim.GetAsync(
            $"/api/v1/storage-systems/{systemId}/storage-pools?filter=name eq {poolName}", token);
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        return reply.Json.GetProperty("items")[0].GetProperty("id").GetString();
    }

    public static List<string> Ids(Reply list) =>
        list.Json.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()).ToList();

    public static List<string> Names(Reply list, string property = "name") =>
        list.Json.GetProperty("items").EnumerateArray().Select(i => i.GetProperty(property).GetString()).ToList();
}
