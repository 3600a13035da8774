namespace DsccSimulator.Errors;

/// <summary>Spec schema <c>errorResponse</c> (and <c>Error</c>): the body of every storage-path error.</summary>
public sealed record StorageErrorResponse(string Error, string ErrorCode);

/// <summary>
/// Spec schema <c>ErrorResponse</c>, which the platform paths (tasks) use through <c>TasksBadRequest</c>,
/// <c>TasksUnauthenticated</c>, <c>TasksNotFound</c> and friends. All three properties are required.
/// </summary>
public sealed record PlatformErrorResponse(string Error, string ErrorCode, string TraceId);
