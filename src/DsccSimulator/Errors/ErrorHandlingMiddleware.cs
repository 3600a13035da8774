using System.Net;

namespace DsccSimulator.Errors;

/// <summary>
/// Turns <see cref="ApiException"/> and unexpected failures into JSON error bodies; never a stack trace.
/// </summary>
public sealed class ErrorHandlingMiddleware(RequestDelegate next, ILogger<ErrorHandlingMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (ApiException ex) when (!context.Response.HasStarted)
        {
            await ApiErrors.WriteAsync(context, ex.Status, ex.Message);
        }
        catch (Exception ex) when (!context.Response.HasStarted && ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Unhandled error for {Method} {Path}", context.Request.Method, context.Request.Path);
            await ApiErrors.WriteAsync(
                context, HttpStatusCode.InternalServerError, "Internal simulator error: " + ex.Message);
        }
    }
}
