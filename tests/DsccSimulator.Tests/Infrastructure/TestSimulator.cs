using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using DsccSimulator.Cli;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;

namespace DsccSimulator.Tests.Infrastructure;

/// <summary>An HTTP exchange as a test sees it: status, headers and the parsed JSON body (if any).</summary>
public sealed record Reply(HttpStatusCode Status, HttpResponseMessage Message, JsonElement Json, string Text)
{
    public IReadOnlyList<string> PropertyNames => Json.EnumerateObject().Select(p => p.Name).ToList();

    public string Str(string property) => Json.GetProperty(property).GetString();
}

/// <summary>
/// The simulator running in-process on the ASP.NET test server with a manual clock. Built through the same
/// <see cref="SimulatorApp"/> entry the command line uses, so tests exercise the real pipeline. Its client
/// validates every response against the spec (<see cref="SpecValidatingHandler"/>).
/// </summary>
public sealed class TestSimulator : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2025, 1, 6, 12, 0, 0, TimeSpan.Zero);

    private TestSimulator(WebApplication app, ManualClock clock, SimulatorOptions options)
    {
        App = app;
        Clock = clock;
        Options = options;

        // Every response any test receives is checked against the spec on its way back.
        var server = app.GetTestServer();
        Client = new HttpClient(new SpecValidatingHandler(server.CreateHandler())) { BaseAddress = server.BaseAddress };
    }

    public WebApplication App { get; }

    public ManualClock Clock { get; }

    public SimulatorOptions Options { get; }

    public HttpClient Client { get; }

    /// <summary>Task duration used by the tests: 10 s of fake time, so 10% is 1 s.</summary>
    public static SimulatorOptions DefaultOptions => new() { TaskDurationMs = 10_000, Volumes = 60 };

    /// <param name="options">Simulator options; <see cref="DefaultOptions"/> when null.</param>
    /// <param name="mapExtraEndpoints">Maps endpoints beside the simulator's own, to test the shared pipeline.
    /// </param>
    public static async Task<TestSimulator> StartAsync(
        SimulatorOptions options = null, Action<WebApplication> mapExtraEndpoints = null)
    {
        options ??= DefaultOptions;
        var clock = new ManualClock(Start);
        var builder = SimulatorApp.CreateBuilder(options, clock);
        builder.WebHost.UseTestServer();
        var app = SimulatorApp.Build(builder);
        mapExtraEndpoints?.Invoke(app);
        await app.StartAsync();
        return new TestSimulator(app, clock, options);
    }

    public async Task<string> TokenAsync()
    {
        var reply = await PostFormAsync("/as/token.oauth2", new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = Options.ClientId,
            ["client_secret"] = Options.ClientSecret,
        });
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        return reply.Str("access_token");
    }

    public Task<Reply> PostFormAsync(
        string path, IDictionary<string, string> form, AuthenticationHeaderValue auth = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Authorization = auth;
        return SendAsync(request);
    }

    public Task<Reply> GetAsync(string path, string token) => SendAsync(Request(HttpMethod.Get, path, token));

    public Task<Reply> DeleteAsync(string path, string token = null) =>
        SendAsync(Request(HttpMethod.Delete, path, token));

    public Task<Reply> PostJsonAsync(string path, string token, string json, string contentType = "application/json")
    {
        var request = Request(HttpMethod.Post, path, token);
        request.Content = new StringContent(json, Encoding.UTF8);
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return SendAsync(request);
    }

    public async Task<Reply> SendAsync(HttpRequestMessage request)
    {
        var response = await Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var json = text.Length > 0 && text.TrimStart()[0] is '{' or '['
            ? JsonDocument.Parse(text).RootElement.Clone()
            : default;
        return new Reply(response.StatusCode, response, json, text);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }

    private static HttpRequestMessage Request(HttpMethod method, string path, string token)
    {
        var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return request;
    }
}
