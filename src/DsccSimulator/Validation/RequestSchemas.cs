using System.Globalization;
using System.Text.Json;

namespace DsccSimulator.Validation;

/// <summary>
/// Strict validation of request bodies against the spec's request schemas, read from the embedded
/// <c>request-schemas.json</c> (a verbatim copy of the spec's schema objects). This is the single place that knows
/// request shapes; swapping in a full JSON-schema validator later only replaces this class.
/// Stricter than the spec on one point, on purpose: properties the schema does not define are rejected, so a
/// camelCase field sent to a snake_case (device-type2) endpoint is caught instead of silently ignored.
/// </summary>
public sealed class RequestSchemas
{
    private const string ResourceName = "DsccSimulator.request-schemas.json";

    private const string RefPrefix = "#/components/schemas/";

    private readonly JsonElement schemas;

    private RequestSchemas(JsonElement schemas) => this.schemas = schemas;

    public static RequestSchemas LoadEmbedded()
    {
        using var stream = typeof(RequestSchemas).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing.");
        using var document = JsonDocument.Parse(stream);
        return new RequestSchemas(document.RootElement.GetProperty("schemas").Clone());
    }

    /// <summary>Every problem found, each naming the offending property; empty when the body conforms.</summary>
    public IReadOnlyList<string> Validate(JsonElement body, string schemaName)
    {
        var problems = new List<string>();
        var schema = Named(schemaName);
        if (body.ValueKind != JsonValueKind.Object)
        {
            problems.Add($"The request body must be a JSON object ({schemaName}), not {Describe(body)}.");
            return problems;
        }

        ValidateValue(body, schema, "", problems);
        return problems;
    }

    private JsonElement Named(string name) =>
        schemas.TryGetProperty(name, out var schema)
            ? schema
            : throw new InvalidOperationException($"Schema {name} is not in {ResourceName}.");

    private JsonElement Resolve(JsonElement schema) =>
        schema.TryGetProperty("$ref", out var reference)
            ? Resolve(Named(reference.GetString()[RefPrefix.Length..]))
            : schema;

    private void ValidateValue(JsonElement value, JsonElement schema, string path, List<string> problems)
    {
        schema = Resolve(schema);
        if (value.ValueKind == JsonValueKind.Null)
        {
            if (!(schema.TryGetProperty("nullable", out var nullable) && nullable.GetBoolean()))
            {
                problems.Add($"Property '{path}' must not be null.");
            }

            return;
        }

        var type = schema.TryGetProperty("type", out var typeElement) ? typeElement.GetString() : null;
        switch (type)
        {
            case "object":
                ValidateObject(value, schema, path, problems);
                break;
            case "array":
                ValidateArray(value, schema, path, problems);
                break;
            case null:
                // No type in the schema: anything goes.
                break;
            default:
                ValidateScalar(value, schema, type, path, problems);
                break;
        }
    }

    private void ValidateObject(JsonElement value, JsonElement schema, string path, List<string> problems)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            problems.Add($"Property '{path}' must be an object, not {Describe(value)}.");
            return;
        }

        var properties = schema.TryGetProperty("properties", out var declared) ? declared : default;
        foreach (var property in value.EnumerateObject())
        {
            var propertyPath = path.Length == 0 ? property.Name : $"{path}.{property.Name}";
            if (properties.ValueKind != JsonValueKind.Object
                || !properties.TryGetProperty(property.Name, out var propertySchema))
            {
                problems.Add($"Unknown property '{propertyPath}': the schema does not define it.");
                continue;
            }

            ValidateValue(property.Value, propertySchema, propertyPath, problems);
        }

        if (schema.TryGetProperty("required", out var required))
        {
            foreach (var name in required.EnumerateArray().Select(r => r.GetString()))
            {
                if (!value.TryGetProperty(name, out _))
                {
                    problems.Add($"Missing required property '{(path.Length == 0 ? name : $"{path}.{name}")}'.");
                }
            }
        }
    }

    private void ValidateArray(JsonElement value, JsonElement schema, string path, List<string> problems)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            problems.Add($"Property '{path}' must be an array, not {Describe(value)}.");
            return;
        }

        if (!schema.TryGetProperty("items", out var items))
        {
            return;
        }

        var index = 0;
        foreach (var element in value.EnumerateArray())
        {
            ValidateValue(element, items, string.Create(CultureInfo.InvariantCulture, $"{path}[{index++}]"), problems);
        }
    }

    private static void ValidateScalar(
        JsonElement value, JsonElement schema, string type, string path, List<string> problems)
    {
        var format = schema.TryGetProperty("format", out var formatElement) ? formatElement.GetString() : null;
        var ok = type switch
        {
            "string" => value.ValueKind == JsonValueKind.String,
            "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
            "number" => value.ValueKind == JsonValueKind.Number,
            "integer" => value.ValueKind == JsonValueKind.Number
                && (format == "int32" ? value.TryGetInt32(out _) : value.TryGetInt64(out _)),
            _ => true,
        };

        if (!ok)
        {
            var expected = type switch
            {
                "integer" => format == "int32" ? "a 32-bit integer" : "an integer",
                "boolean" => "true or false",
                _ => "a " + type,
            };
            problems.Add($"Property '{path}' must be {expected}, not {Describe(value)}.");
            return;
        }

        if (schema.TryGetProperty("enum", out var allowed)
            && !allowed.EnumerateArray().Any(a => a.ValueKind == value.ValueKind && a.ToString() == value.ToString()))
        {
            var choices = string.Join(", ", allowed.EnumerateArray().Select(a => a.ToString()));
            problems.Add($"Property '{path}' must be one of {choices}, not {value}.");
        }
    }

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"the string \"{value.GetString()}\"",
        JsonValueKind.Number => $"the number {value.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => $"the boolean {value.GetRawText()}",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => "null",
    };
}
