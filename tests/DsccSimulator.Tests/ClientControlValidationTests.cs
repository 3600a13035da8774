using System.Net;
using DsccSimulator.Tests.Infrastructure;

namespace DsccSimulator.Tests;

/// <summary>Refused client calls: they change nothing, so one simulator serves every case.</summary>
public sealed class ClientControlValidationTests(SharedSimulator shared) : IClassFixture<SharedSimulator>
{
    [Theory]
    [InlineData("""{"clientSecret":"x"}""", "'clientId' is required")]
    [InlineData("""{"clientId":"x"}""", "'clientSecret' is required")]
    [InlineData("""{"clientId":" ","clientSecret":"x"}""", "'clientId' is required")]
    [InlineData("""{"clientId":"x","clientSecret":"y","access":"admin"}""", "'access' must be \"full\" or \"none\"")]
    [InlineData("""{"clientId":"x","clientSecret":"y","role":"admin"}""", "Unknown property 'role'")]
    [InlineData("""{"clientId":5,"clientSecret":"y"}""", "'clientId' must be a string")]
    public async Task BadRegistrationsAreRefused(string body, string reason)
    {
        var reply = await shared.Sim.PostJsonAsync("/_sim/clients", null, body);

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Contains(reason, reply.Str("error"));
    }

    [Theory]
    [InlineData("POST", "/_sim/clients/nobody/rotate-secret", """{"clientSecret":"x"}""")]
    [InlineData("POST", "/_sim/clients/nobody/expire-tokens", "")]
    [InlineData("DELETE", "/_sim/clients/nobody", null)]
    public async Task UnknownClientsAre404(string method, string path, string body)
    {
        var reply = method == "DELETE"
            ? await shared.Sim.DeleteAsync(path)
            : await shared.Sim.PostJsonAsync(path, null, body);

        Assert.Equal(HttpStatusCode.NotFound, reply.Status);
        Assert.Contains("'nobody'", reply.Str("error"));
    }
}
