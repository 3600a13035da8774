using System.Text;
using DsccSimulator.Auth;

namespace DsccSimulator.RequestLog;

/// <summary>
/// Records every request before anything can reject it, so the log also shows calls that failed authentication
/// or validation. The simulator's own <c>/_sim</c> endpoints are left out to keep the log about the client.
/// </summary>
public sealed class RequestLogMiddleware(RequestDelegate next, RequestLogStore log)
{
    // Bodies beyond this are cut; DSCC request bodies are a few hundred bytes.
    private const int MaxBodyChars = 1024 * 1024;

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!ControlEndpoints.IsControlPath(request.Path))
        {
            log.Add(
                request.Method,
                request.PathBase + request.Path,
                request.QueryString.HasValue ? "?" + LoggedSecrets.RedactForm(request.QueryString.Value[1..]) : "",
                request.ContentType,
                HasBearer(request),
                Redact(request, await ReadBodyAsync(request)));
        }

        await next(context);
    }

    /// <summary>
    /// Form bodies and query strings lose their secrets (see <see cref="LoggedSecrets"/>), and so does a form sent to
    /// the token endpoint with a wrong content type. A JSON body sent there is shown only as the mask: the endpoint
    /// reads only forms, and where a secret sits in JSON cannot be told.
    /// </summary>
    private static string Redact(HttpRequest request, string body)
    {
        if (request.HasFormContentType)
        {
            return LoggedSecrets.RedactForm(body);
        }

        if (!TokenEndpoint.IsTokenPath(request.Path) || string.IsNullOrEmpty(body))
        {
            return body;
        }

        var text = body.TrimStart();
        return text.StartsWith('{') || text.StartsWith('[') ? LoggedSecrets.Mask : LoggedSecrets.RedactForm(body);
    }

    private static bool HasBearer(HttpRequest request) =>
        ((string)request.Headers.Authorization)?.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) == true;

    private static async Task<string> ReadBodyAsync(HttpRequest request)
    {
        if (request.ContentLength == 0)
        {
            return null;
        }

        // Buffer so the endpoint can read the body again after us.
        request.EnableBuffering();
        using var reader = new StreamReader(request.Body, Encoding.UTF8, detectEncodingFromByteOrderMarks: false,
            bufferSize: 4096, leaveOpen: true);
        var buffer = new char[MaxBodyChars];
        var read = await reader.ReadBlockAsync(buffer, request.HttpContext.RequestAborted);
        request.Body.Position = 0;
        return read == 0 ? null : new string(buffer, 0, read);
    }
}
