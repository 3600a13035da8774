using System.Globalization;
using System.Text.Json;

namespace DsccSimulator.Tests.Infrastructure;

/// <summary>
/// Checks a response against a schema copied from the spec (SpecSchemas/response-schemas.json): every property the
/// simulator sends must be declared there with the right JSON type (and enum value), and required ones must be
/// present. Deliberately strict about unknown properties: the simulator may leave optional fields out, but must
/// never invent one.
/// </summary>
public static class SpecSchemaValidator
{
    private const string RefPrefix = "#/components/schemas/";

    private static readonly Lazy<JsonElement> Schemas = new(Load);

    public static void AssertConforms(JsonElement value, string schemaName)
    {
        var problems = new List<string>();
        Check(value, Named(schemaName), schemaName, problems);
        Assert.True(problems.Count == 0, $"Response does not match {schemaName}:\n  " + string.Join("\n  ", problems));
    }

    private static JsonElement Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "SpecSchemas", "response-schemas.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.GetProperty("schemas").Clone();
    }

    private static JsonElement Named(string name) =>
        Schemas.Value.TryGetProperty(name, out var schema) ? schema : throw new ArgumentException($"No schema {name}");

    private static JsonElement Resolve(JsonElement schema) =>
        schema.TryGetProperty("$ref", out var reference)
            ? Resolve(Named(reference.GetString()[RefPrefix.Length..]))
            : schema;

    /// <summary>Flattens allOf into one property table (how the spec composes Task and the Tasks* errors).</summary>
    private static (Dictionary<string, JsonElement> Properties, HashSet<string> Required, bool Nullable, string Type)
        Flatten(JsonElement schema)
    {
        schema = Resolve(schema);
        var properties = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        var required = new HashSet<string>(StringComparer.Ordinal);
        var nullable = schema.TryGetProperty("nullable", out var n) && n.GetBoolean();
        var type = schema.TryGetProperty("type", out var t) ? t.GetString() : null;

        if (schema.TryGetProperty("allOf", out var allOf))
        {
            foreach (var part in allOf.EnumerateArray())
            {
                var flat = Flatten(part);
                foreach (var (key, value) in flat.Properties)
                {
                    // A later part may narrow a property with only a description (e.g. errorCode in Tasks*).
                    properties.TryAdd(key, value);
                }

                required.UnionWith(flat.Required);
                nullable |= flat.Nullable;
                type ??= flat.Type;
            }
        }

        if (schema.TryGetProperty("properties", out var own))
        {
            foreach (var property in own.EnumerateObject())
            {
                if (!properties.ContainsKey(property.Name) || property.Value.TryGetProperty("type", out _))
                {
                    properties[property.Name] = property.Value;
                }
            }

            type ??= "object";
        }

        if (schema.TryGetProperty("required", out var req))
        {
            required.UnionWith(req.EnumerateArray().Select(r => r.GetString()));
        }

        return (properties, required, nullable, type);
    }

    private static void Check(JsonElement value, JsonElement schema, string path, List<string> problems)
    {
        schema = Resolve(schema);
        var flat = Flatten(schema);

        if (value.ValueKind == JsonValueKind.Null)
        {
            if (!flat.Nullable)
            {
                problems.Add($"{path}: null but not nullable");
            }

            return;
        }

        if (schema.TryGetProperty("anyOf", out var anyOf) || schema.TryGetProperty("oneOf", out anyOf))
        {
            var matches = anyOf.EnumerateArray().Any(option =>
            {
                var optionProblems = new List<string>();
                Check(value, option, path, optionProblems);
                return optionProblems.Count == 0;
            });
            if (!matches)
            {
                problems.Add($"{path}: matches none of the anyOf/oneOf options");
            }

            return;
        }

        switch (flat.Type)
        {
            case "object":
                CheckObject(value, flat.Properties, flat.Required, path, problems);
                break;
            case "array":
                if (value.ValueKind != JsonValueKind.Array)
                {
                    problems.Add($"{path}: expected array, got {value.ValueKind}");
                    break;
                }

                var items = schema.TryGetProperty("items", out var itemSchema) ? itemSchema : default;
                var index = 0;
                foreach (var element in value.EnumerateArray())
                {
                    if (items.ValueKind == JsonValueKind.Object)
                    {
                        Check(element, items, $"{path}[{index}]", problems);
                    }

                    index++;
                }

                break;
            case null:
                break;
            default:
                CheckScalar(value, schema, flat.Type, path, problems);
                break;
        }
    }

    private static void CheckObject(
        JsonElement value,
        Dictionary<string, JsonElement> properties,
        HashSet<string> required,
        string path,
        List<string> problems)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            problems.Add($"{path}: expected object, got {value.ValueKind}");
            return;
        }

        foreach (var property in value.EnumerateObject())
        {
            if (properties.TryGetValue(property.Name, out var propertySchema))
            {
                Check(property.Value, propertySchema, $"{path}.{property.Name}", problems);
            }
            else
            {
                problems.Add($"{path}.{property.Name}: not defined by the schema");
            }
        }

        foreach (var name in required.Where(name => !value.TryGetProperty(name, out _)))
        {
            problems.Add($"{path}.{name}: required but missing");
        }
    }

    private static void CheckScalar(
        JsonElement value, JsonElement schema, string type, string path, List<string> problems)
    {
        var format = schema.TryGetProperty("format", out var f) ? f.GetString() : null;
        var ok = type switch
        {
            "string" => value.ValueKind == JsonValueKind.String
                && (format != "date-time"
                    || DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, out _)),
            "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
            "number" => value.ValueKind == JsonValueKind.Number,
            "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
            _ => true,
        };
        if (!ok)
        {
            problems.Add($"{path}: expected {type}{(format is null ? "" : $" ({format})")}, got {value.GetRawText()}");
            return;
        }

        if (schema.TryGetProperty("enum", out var allowed)
            && !allowed.EnumerateArray().Any(a => a.ValueKind == value.ValueKind && a.ToString() == value.ToString()))
        {
            problems.Add($"{path}: {value.GetRawText()} is not one of the spec's enum values");
        }
    }
}
