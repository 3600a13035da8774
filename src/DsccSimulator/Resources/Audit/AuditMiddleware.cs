using System.Text.Json;
using DsccSimulator.Auth;
using DsccSimulator.Errors;
using DsccSimulator.Store;

namespace DsccSimulator.Resources.Audit;

/// <summary>
/// Records one audit event for every successful write (POST, PUT, PATCH, DELETE) under <c>/api/v1</c>, whichever
/// endpoint served it, so writes added later are audited without code of their own. Runs after routing (it reads
/// the route pattern) and buffers the response, whose body gives a created resource's id or a task's id.
/// </summary>
public sealed class AuditMiddleware(RequestDelegate next, AuditLog log, FleetStore store, TimeProvider time)
{
    private static readonly PathString ApiPrefix = "/api/v1";

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var isWrite = HttpMethods.IsPost(request.Method) || HttpMethods.IsPut(request.Method)
            || HttpMethods.IsPatch(request.Method) || HttpMethods.IsDelete(request.Method);
        if (!isWrite || !request.Path.StartsWithSegments(ApiPrefix, StringComparison.OrdinalIgnoreCase)
            || context.GetEndpoint() is not RouteEndpoint endpoint)
        {
            await next(context);
            return;
        }

        // Before the write: a delete must still find the name of what it deletes.
        var operation = AuditRoutes.Describe(endpoint.RoutePattern, request.Method);
        var targetId = RouteValue(request, operation.IdParameter);
        var parentId = RouteValue(request, operation.ParentIdParameter);
        var nameBefore = AuditNames.Lookup(store, operation.Type, targetId);
        var parentName = AuditNames.Lookup(store, operation.ParentType, parentId);
        request.EnableBuffering();

        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }

        if (context.Response.StatusCode is >= 200 and < 300)
        {
            var response = ParseJson(buffer.ToArray());
            var requestBody = await ReadRequestJsonAsync(request);
            var taskId = TaskIdOf(response);
            var target = Target(operation, taskId, targetId, nameBefore, parentId, parentName, response, requestBody);
            log.Add(new AuditEntry
            {
                Seq = log.NextSeq(),
                Id = Guid.NewGuid().ToString(),
                CompletionId = Guid.NewGuid().ToString(),
                OccurredAt = time.GetUtcNow(),
                Code = $"{operation.Type}.{operation.Verb}",
                Permission = $"{operation.Type}.{operation.PermissionVerb}",
                Action = ActionText(operation, target, BodyName(requestBody)),
                Target = target,
                TaskId = taskId,
                UserEmail = UserEmail(BearerAuthenticationMiddleware.ClientIdOf(context)),
                ContextId = ApiErrors.TraceId(context),
                SourceIpAddress = context.Connection.RemoteIpAddress?.ToString() ?? "127.0.0.1",
                Scope = request.Path,
            });
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(original, context.RequestAborted);
    }

    /// <summary>
    /// DSCC shows the console user behind an API client; the simulator's clients have no user, so the address is
    /// made from the client id.
    /// </summary>
    public static string UserEmail(string clientId) => $"{clientId ?? "anonymous"}@example.com";

    private static AuditTarget Target(
        AuditOperation operation,
        Guid? taskId,
        string targetId,
        string nameBefore,
        string parentId,
        string parentName,
        JsonElement response,
        JsonElement requestBody)
    {
        var bodyName = BodyName(requestBody);
        if (!operation.IsCreate)
        {
            return new AuditTarget(targetId ?? "", nameBefore ?? bodyName ?? targetId ?? "", operation.Type);
        }

        if (taskId is null)
        {
            var id = StringProperty(response, "id") ?? "";
            return new AuditTarget(id, StringProperty(response, "name") ?? bodyName ?? id, operation.Type);
        }

        // An asynchronous create has no id yet: the event is about the resource it is created under (the task's
        // source, usually the system); the completion event names the new resource.
        return operation.ParentType is not null
            ? new AuditTarget(parentId ?? "", parentName ?? parentId ?? "", operation.ParentType)
            : new AuditTarget("", bodyName ?? "", operation.Type);
    }

    private static string ActionText(AuditOperation operation, AuditTarget target, string bodyName)
    {
        var verb = operation.Verb switch
        {
            "edit" => "update",
            var other => other.Replace('-', ' '),
        };
        var createsUnderParent = operation.IsCreate && target.Type != operation.Type;
        return createsUnderParent ? $"{verb} {AuditNames.Noun(operation.Type)} '{bodyName}'" : verb;
    }

    private static string RouteValue(HttpRequest request, string parameter) =>
        parameter is not null && request.RouteValues.TryGetValue(parameter, out var value) ? value?.ToString() : null;

    private static Guid? TaskIdOf(JsonElement response) =>
        StringProperty(response, "taskUri") is { } uri && Guid.TryParse(uri[(uri.LastIndexOf('/') + 1)..], out var id)
            ? id
            : null;

    /// <summary><c>name</c>, or else the first <c>...Name</c> property (<c>appSetName</c>) of a body.</summary>
    private static string BodyName(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        return StringProperty(body, "name")
            ?? body.EnumerateObject()
                .Where(p => p.Name.EndsWith("Name", StringComparison.Ordinal)
                    && p.Value.ValueKind == JsonValueKind.String)
                .Select(p => p.Value.GetString())
                .FirstOrDefault();
    }

    private static string StringProperty(JsonElement json, string name) =>
        json.ValueKind == JsonValueKind.Object && json.TryGetProperty(name, out var value)
            && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static async Task<JsonElement> ReadRequestJsonAsync(HttpRequest request)
    {
        if (!request.Body.CanSeek)
        {
            return default;
        }

        request.Body.Position = 0;
        using var copy = new MemoryStream();
        await request.Body.CopyToAsync(copy);
        return ParseJson(copy.ToArray());
    }

    private static JsonElement ParseJson(byte[] bytes)
    {
        if (bytes.Length == 0)
        {
            return default;
        }

        try
        {
            using var document = JsonDocument.Parse(bytes);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            // Not JSON (a form or plain-text body): there is simply no name or id to read from it.
            return default;
        }
    }
}
