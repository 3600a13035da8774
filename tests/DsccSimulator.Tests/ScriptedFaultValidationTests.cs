using System.Net;
using DsccSimulator.Tests.Infrastructure;

namespace DsccSimulator.Tests;

/// <summary>Refused fault scripts: they change nothing, so one simulator serves every case.</summary>
public sealed class ScriptedFaultValidationTests(SharedSimulator shared) : IClassFixture<SharedSimulator>
{
    [Theory]
    [InlineData("""{"status":429}""", "'path' is required")]
    [InlineData("""{"path":"volumes","status":429}""", "must start with '/'")]
    [InlineData("""{"path":"/api/*/volumes","status":429}""", "may only end with '*'")]
    [InlineData("""{"path":"/api/v1/volumes"}""", "'status' (400-599) is required")]
    [InlineData("""{"path":"/api/v1/volumes","status":200}""", "'status' must be a whole number from 400 to 599")]
    [InlineData("""{"path":"/api/v1/volumes","status":429,"cout":2}""", "Unknown property 'cout'")]
    [InlineData("""{"path":"/api/v1/volumes","status":429,"count":0}""", "'count' must be a whole number")]
    [InlineData("""{"path":"/api/v1/volumes","kind":"explode"}""", "'kind' must be status, drop")]
    [InlineData("""{"path":"/api/v1/volumes","kind":"drop","status":503}""", "'status' does not apply to kind 'drop'")]
    [InlineData("""{"path":"/api/v1/volumes","kind":"delay"}""", "'delayMs' is required for kind 'delay'")]
    [InlineData("""{"path":"/api/v1/volumes","status":503,"delayMs":5}""", "'delayMs' does not apply")]
    [InlineData("""{"path":"/api/v1/volumes","status":503,"method":"G T"}""", "'method' must be an HTTP method")]
    [InlineData("""[1]""", "must be a JSON object")]
    [InlineData("""{"path":""", "not valid JSON")]
    public async Task BadFaultScriptsAreRefusedWithTheReason(string body, string reason)
    {
        var reply = await shared.Sim.ScriptFaultAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Contains(reason, reply.Str("error"));
        Assert.Empty((await shared.Sim.GetAsync("/_sim/faults", null)).Json.EnumerateArray());
    }
}
