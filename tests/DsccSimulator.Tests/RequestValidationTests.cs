using System.Net;
using DsccSimulator.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace DsccSimulator.Tests;

/// <summary>
/// One simulator for the class (its tests run one after another), with one endpoint added that has no validation
/// code of its own: <c>PUT</c> of the spec's DeviceType6UpdateDNSSettings, which counts the calls it receives.
/// </summary>
public sealed class RequestValidationFixture : IAsyncLifetime
{
    public const string DnsSettingsTemplate = "/api/v1/storage-systems/device-type6/{systemUuid}/dns-settings";

    private int dnsSettingsCalls;

    public TestSimulator Sim { get; private set; }

    public string Token { get; private set; }

    public int DnsSettingsCalls => Volatile.Read(ref dnsSettingsCalls);

    public async Task InitializeAsync()
    {
        Sim = await TestSimulator.StartAsync(mapExtraEndpoints: app => app.MapPut(DnsSettingsTemplate, () =>
        {
            Interlocked.Increment(ref dnsSettingsCalls);
            return Results.Json(new { taskUri = "/api/v1/tasks/1" }, statusCode: StatusCodes.Status202Accepted);
        }));
        Token = await Sim.TokenAsync();
    }

    public async Task DisposeAsync() => await Sim.DisposeAsync();
}

/// <summary>
/// Every POST/PUT/PATCH body is validated against its spec operation's request schema before any handler runs
/// (<c>RequestBodyValidationMiddleware</c>). Each rejection is a 400 in the path's error schema that names the
/// field, and nothing is created.
/// </summary>
public sealed class RequestValidationTests(RequestValidationFixture fixture) : IClassFixture<RequestValidationFixture>
{
    private readonly TestSimulator sim = fixture.Sim;

    private readonly string token = fixture.Token;

    [Theory]
    [InlineData("device-type1", """{"name":"t","userCpg":"SSD_r6","sizeMib":1024,"bogus":1}""",
        "Unknown property 'bogus': the schema does not define it.")]
    [InlineData("device-type1", """{"name":"t","userCpg":"SSD_r6","sizeMib":1024,"\"name\"":"q"}""",
        "Unknown property '\"name\"': the schema does not define it.")]
    [InlineData("device-type1", """{"name":"t","userCpg":"SSD_r6","sizeMib":"16384"}""",
        "Property 'sizeMib' must be an integer, not the string \"16384\".")]
    [InlineData("device-type4", """{"name":"t","sizeMib":16384}""", "Missing required property 'userCpg'.")]
    [InlineData("device-type2", """{"name":"t","size":1024,"metadata":[{"key":"k","value":"v","extra":0}]}""",
        "Unknown property 'metadata[0].extra': the schema does not define it.")]
    [InlineData("device-type2", """{"name":"t","size":1024,"metadata":[{"key":7,"value":"v"}]}""",
        "Property 'metadata[0].key' must be a string or null, not the number 7.")]
    [InlineData("device-type2", """{"name":"t","size":1024.5}""",
        "Property 'size' must be an integer or null, not the number 1024.5.")]
    public async Task ABodyOutsideTheSchemaGets400NamingTheField(string family, string body, string expected)
    {
        var path = await VolumesPathAsync(family);
        var tasksBefore = await TaskCountAsync();

        var reply = await sim.PostJsonAsync(path, token, body);

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal(new[] { "error", "errorCode" }, reply.PropertyNames);
        Assert.Equal("400", reply.Str("errorCode"));
        Assert.Contains(expected, reply.Str("error"));
        Assert.Equal(tasksBefore, await TaskCountAsync());
    }

    [Fact]
    public async Task AWrongTypeIsReportedAloneNotWithEveryOtherPropertyAsUnknown()
    {
        var path = await VolumesPathAsync("device-type1");

        var reply = await sim.PostJsonAsync(path, token, """{"name":"t","userCpg":"SSD_r6","sizeMib":"16384"}""");

        Assert.Equal(
            "Invalid request body for createVolumeInput: Property 'sizeMib' must be an integer, not the string "
            + "\"16384\".",
            reply.Str("error"));
    }

    [Fact]
    public async Task CamelCaseToDeviceType2NamesEveryCamelCaseField()
    {
        var path = await VolumesPathAsync("device-type2");

        var reply = await sim.PostJsonAsync(path, token,
            """{"name":"camel","sizeMib":1024,"poolId":"x","dataReduction":true}""");

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal(
            "Invalid request body for NimbleCreateVolumeInput: "
            + "Unknown property 'sizeMib': the schema does not define it. "
            + "Unknown property 'poolId': the schema does not define it. "
            + "Unknown property 'dataReduction': the schema does not define it.",
            reply.Str("error"));
    }

    [Fact]
    public async Task AValidBodyPassesTheValidatorAndTheHandlerStillReadsIt()
    {
        var path = await VolumesPathAsync("device-type4");

        var reply = await sim.PostJsonAsync(path, token,
            """{"name":"valid","userCpg":"SSD_r1","sizeMib":2048,"count":2,"comments":null}""");
        sim.Clock.Advance(TimeSpan.FromSeconds(10));
        var task = await sim.GetAsync(reply.Str("taskUri"), token);

        Assert.Equal(HttpStatusCode.Accepted, reply.Status);
        Assert.Equal("SUCCEEDED", task.Str("state"));
        var created = task.Json.GetProperty("associatedResources").EnumerateArray();
        Assert.Equal(new[] { "valid.0", "valid.1" }, created.Select(r => r.GetProperty("name").GetString()));
    }

    [Theory]
    [InlineData("""{"dnsServer1":"10.0.0.300"}""", "Property 'dnsServer1': ")]
    [InlineData("""{"dnsServer1":"10.0.0.1","dnsServer9":"10.0.0.9"}""",
        "Unknown property 'dnsServer9': the schema does not define it.")]
    [InlineData("""{"searchDomain":"lab"}""", "Missing required property 'dnsServer1'.")]
    [InlineData("""{"dnsServer1":"10.0.0.1"}""", null)]
    [InlineData("", null)]
    public async Task AnEndpointAddedWithoutValidationCodeIsValidatedAllTheSame(string body, string expected)
    {
        // A PUT no simulator code knows about: the middleware finds DeviceType6UpdateDNSSettings from the route
        // alone. Its body is optional in the spec, so an empty one reaches the handler.
        var request = new HttpRequestMessage(HttpMethod.Put, "/api/v1/storage-systems/device-type6/u1/dns-settings")
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new("Bearer", token);
        var callsBefore = fixture.DnsSettingsCalls;

        var reply = await sim.SendAsync(request);

        Assert.Equal(expected is null ? HttpStatusCode.Accepted : HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal(expected is null ? 1 : 0, fixture.DnsSettingsCalls - callsBefore);
        if (expected is not null)
        {
            Assert.StartsWith("Invalid request body for DNSSettingsPutRequest: ", reply.Str("error"));
            Assert.Contains(expected, reply.Str("error"));
        }
    }

    private async Task<int> TaskCountAsync() =>
        (await sim.GetAsync("/api/v1/tasks", token)).Json.GetProperty("total").GetInt32();

    private async Task<string> VolumesPathAsync(string family)
    {
        var system = family switch
        {
            "device-type1" => Fleet.PrimeraLab01,
            "device-type2" => Fleet.NimbleProd01,
            _ => Fleet.AlletraMp01,
        };
        return $"/api/v1/storage-systems/{family}/{await Fleet.SystemIdAsync(sim, token, system)}/volumes";
    }
}
