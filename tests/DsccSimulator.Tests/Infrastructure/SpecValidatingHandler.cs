using System.Text.Json;
using DsccSimulator.Faults;
using DsccSimulator.Validation;
using Xunit.Sdk;

namespace DsccSimulator.Tests.Infrastructure;

/// <summary>A response that does not follow the spec; fails the test that received it.</summary>
public sealed class SpecViolationException(string message) : XunitException(message);

/// <summary>
/// Sits in every test's HttpClient to the simulator and checks each response against the spec: the operation is
/// found from the method and the path (<see cref="SpecRoutes"/>), the declared response from the status (exact,
/// <c>4XX</c>, then <c>default</c>), and the body is validated with JsonSchema.Net, closed to undeclared
/// properties. Error responses are checked the same way. Paths the spec does not have (the token endpoint,
/// <c>/_sim</c>, unknown routes) pass unchecked, and so do answers the simulator's fault injector marked
/// (<see cref="FaultResponses.FaultHeader"/>). Each validated response is counted in <see cref="SpecCoverage"/>.
/// </summary>
public sealed class SpecValidatingHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    protected override async Task<HttpResponseMessage> SendAsync(
        HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        var operation = SpecRoutes.Find(request.Method.Method, request.RequestUri.AbsolutePath);

        // A fault answer plays a gateway in front of DSCC, not the operation: its status need not be declared, and
        // a stalled body must reach the test unread (buffering it here would stall the test before it can time
        // out). It is not the operation's response, so it does not count towards coverage either. The fault
        // tests check these bodies against the error schemas themselves.
        if (operation is null || response.Headers.Contains(FaultResponses.FaultHeader))
        {
            return response;
        }

        // Buffers the content, so the test can still read it afterwards.
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var status = (int)response.StatusCode;
        var problems = Check(operation, status, body, response.Content.Headers.ContentType?.MediaType);
        if (problems.Count > 0)
        {
            throw new SpecViolationException(
                $"{request.Method} {request.RequestUri.PathAndQuery} answered {status}, which breaks the spec of " +
                $"{operation}:\n  " + string.Join("\n  ", problems) +
                $"\nBody: {System.Text.Encoding.UTF8.GetString(body)}");
        }

        SpecCoverage.Record(operation, status);
        return response;
    }

    public static IReadOnlyList<string> Check(SpecOperation operation, int status, byte[] body, string mediaType)
    {
        var declared = operation.ResponseFor(status);
        if (declared is null)
        {
            return [$"The spec declares no {status} response for this operation, and no default."];
        }

        if (!declared.HasContent)
        {
            return body.Length == 0 ? [] : [$"The spec declares no body for {status}, but {body.Length} bytes came."];
        }

        if (mediaType != "application/json")
        {
            return [$"The spec declares an application/json body ({declared.DisplayName}), not '{mediaType}'."];
        }

        JsonElement json;
        try
        {
            using var document = JsonDocument.Parse(body);
            json = document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            return [$"The body is not JSON: {ex.Message}"];
        }

        var schemas = SpecModel.LoadEmbedded().Schemas;
        return [.. schemas.Validate(json, declared.SchemaKey).Select(v => $"{declared.DisplayName}: {v.Message}")];
    }
}
