using System.Net;

namespace DsccSimulator.Errors;

/// <summary>
/// Thrown anywhere below an endpoint to end the request with an error status; the error middleware turns it into
/// the body schema of the request's path. Keeps handlers free of error plumbing.
/// </summary>
public sealed class ApiException(HttpStatusCode status, string message) : Exception(message)
{
    public HttpStatusCode Status { get; } = status;

    public static ApiException BadRequest(string message) => new(HttpStatusCode.BadRequest, message);

    public static ApiException NotFound(string message) => new(HttpStatusCode.NotFound, message);
}
