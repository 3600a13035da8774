using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace DsccSpecCompiler;

/// <summary>
/// Builds the spec model from the parsed OpenAPI document:
/// <code>
/// {
///   "title", "version", "openapi", "source", "schemaId", "formats": [...],
///   "operations": [{"operationId", "method", "path",
///                   "request": {"required", "schemaName"?, "schema"},
///                   "responses": {"200": {"schemaName"?, "schema"}, "204": {}, "default": {...}}}],
///   "schema": {"$schema", "$id", "$defs": {...}}
/// }
/// </code>
/// <c>schema</c> values name entries of <c>$defs</c>: the components under their own names (open, for use inside
/// allOf), <c>closed:X</c> for a body that is just component X (closed), and <c>operationId:request</c> or
/// <c>operationId:status</c> for an inline body. Component names never contain a colon, so they cannot clash.
/// </summary>
public static partial class SpecModelBuilder
{
    public const string SchemaId = "https://dscc-simulator.invalid/spec/storage-api.schema.json";

    private const string JsonMediaType = "application/json";

    private static readonly string[] Methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

    public static JsonObject Build(JsonObject openApi, string sourceName)
    {
        var components = openApi["components"]?["schemas"]?.AsObject()
            ?? throw new InvalidDataException("The spec has no components/schemas.");
        var converter = new SchemaConverter(components);
        var definitions = new JsonObject();
        foreach (var (name, _) in components)
        {
            if (name.Contains(':', StringComparison.Ordinal))
            {
                throw new InvalidDataException($"Schema name '{name}' contains ':', which the model reserves.");
            }

            definitions[name] = converter.ConvertDefinition(name);
        }

        var operations = BuildOperations(openApi, converter, definitions);
        return new JsonObject
        {
            ["title"] = openApi["info"]?["title"]?.DeepClone(),
            ["version"] = openApi["info"]?["version"]?.DeepClone(),
            ["openapi"] = openApi["openapi"]?.DeepClone(),
            ["source"] = sourceName,
            ["schemaId"] = SchemaId,
            ["formats"] = new JsonArray([.. converter.Formats.Select(format => JsonValue.Create(format))]),
            ["operations"] = operations,
            ["schema"] = new JsonObject
            {
                ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
                ["$id"] = SchemaId,
                ["$defs"] = definitions,
            },
        };
    }

    private static JsonArray BuildOperations(JsonObject openApi, SchemaConverter converter, JsonObject definitions)
    {
        var operations = new JsonArray();
        var operationIds = new HashSet<string>(StringComparer.Ordinal);
        var routes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (path, item) in openApi["paths"].AsObject())
        {
            if (item.AsObject().ContainsKey("$ref"))
            {
                throw new InvalidDataException($"{path}: path item $ref is not supported.");
            }

            foreach (var method in Methods.Where(item.AsObject().ContainsKey))
            {
                var operation = item[method].AsObject();
                var operationId = operation["operationId"]?.GetValue<string>()
                    ?? throw new InvalidDataException($"{method} {path}: no operationId.");
                if (!operationIds.Add(operationId))
                {
                    throw new InvalidDataException($"operationId {operationId} is used twice.");
                }

                // Routers ignore parameter names, so two templates differing only in them would be one route.
                var route = method.ToUpperInvariant() + " " + PathParameter().Replace(path, "{}");
                if (!routes.TryAdd(route, operationId))
                {
                    throw new InvalidDataException($"{operationId} and {routes[route]} share the route {route}.");
                }

                operations.Add(BuildOperation(operationId, method, path, operation, converter, definitions));
            }
        }

        return operations;
    }

    private static JsonObject BuildOperation(
        string operationId,
        string method,
        string path,
        JsonObject operation,
        SchemaConverter converter,
        JsonObject definitions)
    {
        var model = new JsonObject
        {
            ["operationId"] = operationId,
            ["method"] = method.ToUpperInvariant(),
            ["path"] = path,
        };

        if (operation["requestBody"] is JsonObject requestBody)
        {
            var request = Body(requestBody, $"{operationId}:request", converter, definitions)
                ?? throw new InvalidDataException($"{operationId}: request body without a JSON schema.");
            request["required"] = requestBody["required"]?.GetValue<bool>() ?? false;
            model["request"] = request;
        }

        var responses = new JsonObject();
        foreach (var (status, response) in operation["responses"].AsObject())
        {
            responses[status] = Body(response.AsObject(), $"{operationId}:{status}", converter, definitions)
                ?? new JsonObject();
        }

        model["responses"] = responses;
        return model;
    }

    /// <summary>The body's schema entry, or null when the body has no content.</summary>
    private static JsonObject Body(JsonObject body, string inlineKey, SchemaConverter converter, JsonObject definitions)
    {
        if (body.ContainsKey("$ref"))
        {
            throw new InvalidDataException($"{inlineKey}: $ref to components/requestBodies or responses.");
        }

        if (body["content"] is not JsonObject content || content.Count == 0)
        {
            return null;
        }

        var schema = content[JsonMediaType]?["schema"]
            ?? throw new InvalidDataException($"{inlineKey}: a body other than {JsonMediaType} with a schema.");
        if (content.Count != 1)
        {
            throw new InvalidDataException($"{inlineKey}: more than one media type.");
        }

        var name = SchemaConverter.ReferencedName(schema);
        var key = name is null ? inlineKey : "closed:" + name;
        if (!definitions.ContainsKey(key))
        {
            definitions[key] = converter.ConvertWholeValue(schema, inlineKey);
        }

        return name is null
            ? new JsonObject { ["schema"] = key }
            : new JsonObject { ["schemaName"] = name, ["schema"] = key };
    }

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex PathParameter();
}
