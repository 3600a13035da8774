using System.Net;
using System.Text.Json;

namespace DsccSimulator.Tests.Infrastructure;

/// <summary>Calls of the <c>/_sim</c> transport controls, as the module's transport tests will make them.</summary>
public static class SimControl
{
    public static Task<Reply> ScriptFaultAsync(this TestSimulator sim, string json) =>
        sim.PostJsonAsync("/_sim/faults", null, json);

    public static Task<Reply> RequestTokenAsync(this TestSimulator sim, string clientId, string secret) =>
        sim.PostFormAsync("/as/token.oauth2", new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = secret,
        });

    public static async Task<string> TokenForAsync(this TestSimulator sim, string clientId, string secret)
    {
        var reply = await sim.RequestTokenAsync(clientId, secret);
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        return reply.Str("access_token");
    }

    public static async Task<JsonElement> StatsAsync(this TestSimulator sim)
    {
        var reply = await sim.GetAsync("/_sim/stats", null);
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        return reply.Json;
    }

    public static long Fault(this JsonElement stats, string key) =>
        stats.GetProperty("faultsInjected").GetProperty(key).GetInt64();

    public static async Task<int> TaskCountAsync(this TestSimulator sim, string token)
    {
        var reply = await sim.GetAsync("/api/v1/tasks?limit=0", token);
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        return reply.Json.GetProperty("total").GetInt32();
    }
}
