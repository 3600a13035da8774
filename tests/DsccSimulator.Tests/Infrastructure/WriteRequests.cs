using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace DsccSimulator.Tests.Infrastructure;

/// <summary>PUT bodies and task completion for the write tests of hosts, volume sets and the audit trail.</summary>
public static class WriteRequests
{
    public static Task<Reply> PutJsonAsync(this TestSimulator sim, string path, string token, string json)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, path)
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return sim.SendAsync(request);
    }

    /// <summary>Checks a 202 <c>taskResponse</c>, lets the task run to its end and returns the finished task.</summary>
    public static async Task<Reply> FinishTaskAsync(this TestSimulator sim, Reply accepted, string token)
    {
        Assert.True(accepted.Status == HttpStatusCode.Accepted, $"{accepted.Status}: {accepted.Text}");
        Assert.Equal("SUBMITTED", accepted.Str("status"));
        sim.Clock.Advance(TimeSpan.FromMilliseconds(sim.Options.TaskDurationMs));
        var task = await sim.GetAsync(accepted.Str("taskUri"), token);
        Assert.Contains(task.Str("state"), new[] { "SUCCEEDED", "FAILED" });
        return task;
    }

    /// <summary>The task's error code (BAD_REQUEST, NOT_FOUND) after asserting it failed.</summary>
    public static string FailureCode(Reply task)
    {
        Assert.Equal("FAILED", task.Str("state"));
        return task.Json.GetProperty("error").GetProperty("errorCode").GetString();
    }
}
