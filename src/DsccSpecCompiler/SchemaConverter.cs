using System.Text.Json.Nodes;

namespace DsccSpecCompiler;

/// <summary>Where a schema sits decides whether it describes a whole JSON value (and so gets closed).</summary>
public enum SchemaPosition
{
    /// <summary>A request or response body, a property value, an array item, an additionalProperties value.</summary>
    WholeValue,

    /// <summary>A member of allOf/anyOf/oneOf or a not: only part of the value's description.</summary>
    Member,

    /// <summary>The root of a components/schemas entry: closed at each place it is used, not here.</summary>
    DefinitionRoot,
}

/// <summary>
/// Converts OpenAPI 3.0 Schema Objects to JSON Schema 2020-12:
/// <list type="bullet">
/// <item><c>$ref: #/components/schemas/X</c> becomes <c>#/$defs/X</c>;</item>
/// <item><c>nullable: true</c> adds <c>"null"</c> to the type (and to an enum); a nullable schema with
/// allOf/anyOf/oneOf becomes <c>anyOf: [{type: null}, ...]</c>, and so does the OpenAPI 3.0 idiom
/// <c>allOf: [{$ref}, {nullable: true}]</c>;</item>
/// <item>a schema with <c>properties</c> but no type is an object, one with <c>items</c> an array (OpenAPI leaves
/// the type open, but the spec clearly means these);</item>
/// <item>annotations for people (description, example, title, x-*) are dropped; validation keywords, formats,
/// defaults, readOnly and deprecated are kept; an unknown keyword stops the build rather than being ignored;</item>
/// <item>objects are closed: <c>unevaluatedProperties: false</c> is added where a schema describes a whole value,
/// never inside allOf/anyOf/oneOf members, so a composition is closed once over all of its parts.</item>
/// </list>
/// Free-form objects (no properties, no composition) and maps (additionalProperties) stay as the spec says.
/// </summary>
public sealed class SchemaConverter(JsonObject componentSchemas)
{
    public const string OpenApiRefPrefix = "#/components/schemas/";

    public const string DefsRefPrefix = "#/$defs/";

    private static readonly HashSet<string> DroppedKeywords =
        ["description", "example", "title", "externalDocs", "xml"];

    private static readonly HashSet<string> CopiedKeywords =
    [
        "format", "enum", "required", "minimum", "maximum", "minLength", "maxLength", "pattern", "minItems",
        "maxItems", "uniqueItems", "multipleOf", "minProperties", "maxProperties", "default", "readOnly",
        "writeOnly", "deprecated",
    ];

    private static readonly HashSet<string> JsonTypes = ["string", "integer", "number", "boolean", "array", "object"];

    private static readonly string[] Compositions = ["allOf", "anyOf", "oneOf"];

    private readonly Dictionary<string, bool?> closableDefinitions = new(StringComparer.Ordinal);

    private readonly SortedSet<string> formats = new(StringComparer.Ordinal);

    /// <summary>Every <c>format</c> value met so far (the simulator registers validators for them).</summary>
    public IReadOnlyCollection<string> Formats => formats;

    public JsonObject ConvertDefinition(string name) =>
        Convert(componentSchemas[name], $"#/components/schemas/{name}", SchemaPosition.DefinitionRoot);

    public JsonObject ConvertWholeValue(JsonNode schema, string where) =>
        Convert(schema, where, SchemaPosition.WholeValue);

    /// <summary>The component name of a plain <c>{$ref}</c> schema, or null for an inline one.</summary>
    public static string ReferencedName(JsonNode schema) =>
        schema is JsonObject { Count: 1 } only && only["$ref"]?.GetValue<string>() is { } reference
            ? NameOf(reference, "a request or response")
            : null;

    private static string NameOf(string reference, string where) =>
        reference.StartsWith(OpenApiRefPrefix, StringComparison.Ordinal)
            ? reference[OpenApiRefPrefix.Length..]
            : throw new InvalidDataException($"{where}: only {OpenApiRefPrefix}* references are supported.");

    private JsonObject Convert(JsonNode node, string where, SchemaPosition position)
    {
        if (node is not JsonObject schema)
        {
            throw new InvalidDataException($"{where}: a schema must be an object.");
        }

        var converted = schema.ContainsKey("$ref") ? ConvertReference(schema, where) : ConvertInline(schema, where);
        if (position == SchemaPosition.WholeValue && IsClosable(schema, where))
        {
            converted["unevaluatedProperties"] = false;
        }

        return converted;
    }

    private JsonObject ConvertReference(JsonObject schema, string where)
    {
        // OpenAPI 3.0 ignores siblings of $ref; the spec has none, and a new one should be looked at, not dropped.
        if (schema.Count != 1)
        {
            throw new InvalidDataException($"{where}: $ref with sibling keywords is not supported.");
        }

        var name = NameOf(schema["$ref"].GetValue<string>(), where);
        return componentSchemas.ContainsKey(name)
            ? new JsonObject { ["$ref"] = DefsRefPrefix + name }
            : throw new InvalidDataException($"{where}: $ref to unknown schema '{name}'.");
    }

    private JsonObject ConvertInline(JsonObject schema, string where)
    {
        var converted = new JsonObject();
        var nullable = false;
        foreach (var (keyword, value) in schema)
        {
            var at = $"{where}/{keyword}";
            switch (keyword)
            {
                case "nullable":
                    nullable = value.GetValue<bool>();
                    break;
                case "type":
                    converted["type"] = JsonTypes.Contains(value.GetValue<string>())
                        ? value.DeepClone()
                        : throw new InvalidDataException($"{at}: unknown type '{value}'.");
                    break;
                case "properties":
                    converted["properties"] = ConvertProperties(value.AsObject(), at);
                    break;
                case "items" or "additionalProperties" when value is JsonObject:
                    converted[keyword] = Convert(value, at, SchemaPosition.WholeValue);
                    break;
                case "additionalProperties":
                    converted[keyword] = value.GetValue<bool>();
                    break;
                case "allOf" or "anyOf" or "oneOf":
                    converted[keyword] = ConvertMembers(value.AsArray(), at, keyword == "allOf", ref nullable);
                    break;
                case "not":
                    converted[keyword] = Convert(value, at, SchemaPosition.Member);
                    break;
                case "exclusiveMinimum" or "exclusiveMaximum":
                    // Applied once the loop has copied the bound it qualifies, whatever the key order.
                    break;
                case var copied when CopiedKeywords.Contains(copied):
                    if (keyword == "format")
                    {
                        formats.Add(value.GetValue<string>());
                    }

                    converted[keyword] = value?.DeepClone();
                    break;
                case var dropped when DroppedKeywords.Contains(dropped)
                    || dropped.StartsWith("x-", StringComparison.Ordinal):
                    break;
                default:
                    throw new InvalidDataException($"{at}: keyword '{keyword}' is not supported by the converter.");
            }
        }

        ConvertExclusiveBound(schema, converted, "exclusiveMinimum", "minimum", where);
        ConvertExclusiveBound(schema, converted, "exclusiveMaximum", "maximum", where);
        InferType(converted);
        return nullable ? MakeNullable(converted) : converted;
    }

    private JsonObject ConvertProperties(JsonObject properties, string where)
    {
        var converted = new JsonObject();
        foreach (var (name, schema) in properties)
        {
            converted[name] = Convert(schema, $"{where}/{name}", SchemaPosition.WholeValue);
        }

        return converted;
    }

    /// <summary>Members are converted open; an allOf member that is only <c>{nullable: true}</c> makes the whole
    /// composition nullable (OpenAPI 3.0 cannot put nullable beside a $ref) and is dropped.</summary>
    private JsonArray ConvertMembers(JsonArray members, string where, bool isAllOf, ref bool nullable)
    {
        var converted = new JsonArray();
        for (var index = 0; index < members.Count; index++)
        {
            if (isAllOf && IsOnlyNullable(members[index]))
            {
                nullable = true;
                continue;
            }

            converted.Add(Convert(members[index], $"{where}/{index}", SchemaPosition.Member));
        }

        return converted;
    }

    private static bool IsOnlyNullable(JsonNode member) =>
        member is JsonObject schema
        && schema["nullable"]?.GetValue<bool>() == true
        && schema.All(pair => pair.Key is "nullable" or "description");

    /// <summary>OpenAPI 3.0 writes <c>exclusiveMinimum: true</c> beside <c>minimum</c>; 2020-12 wants the number.
    /// </summary>
    private static void ConvertExclusiveBound(
        JsonObject schema, JsonObject converted, string keyword, string boundKeyword, string where)
    {
        if (schema[keyword]?.GetValue<bool>() is not true)
        {
            return;
        }

        var bound = converted[boundKeyword]
            ?? throw new InvalidDataException($"{where}: {keyword} without {boundKeyword}.");
        converted.Remove(boundKeyword);
        converted[keyword] = bound;
    }

    private static void InferType(JsonObject converted)
    {
        if (converted.ContainsKey("type"))
        {
            return;
        }

        if (converted.ContainsKey("properties") || converted.ContainsKey("additionalProperties"))
        {
            converted["type"] = "object";
        }
        else if (converted.ContainsKey("items"))
        {
            converted["type"] = "array";
        }
    }

    private static JsonObject MakeNullable(JsonObject converted)
    {
        // A composition's members (typed objects) would still reject null, whatever this level's type says, so
        // null is offered beside the whole schema.
        if (Compositions.Any(converted.ContainsKey))
        {
            return new JsonObject { ["anyOf"] = new JsonArray(new JsonObject { ["type"] = "null" }, converted) };
        }

        if (converted["enum"] is JsonArray allowed && !allowed.Any(value => value is null))
        {
            allowed.Add(null);
        }

        // Without a type (and without a composition) the schema already accepts null.
        if (converted["type"] is JsonValue type)
        {
            converted["type"] = new JsonArray(type.GetValue<string>(), "null");
        }

        return converted;
    }

    /// <summary>
    /// Whether closing the schema means anything: it (or a composition member, or the definition it references)
    /// declares properties. Maps (additionalProperties) and free-form objects stay open.
    /// </summary>
    private bool IsClosable(JsonObject schema, string where)
    {
        if (schema["$ref"] is { } reference)
        {
            return IsClosableDefinition(NameOf(reference.GetValue<string>(), where));
        }

        if (schema.ContainsKey("additionalProperties"))
        {
            return false;
        }

        return schema.ContainsKey("properties")
            || Compositions.Any(keyword => schema[keyword] is JsonArray members
                && members.Any(member => member is JsonObject inner && IsClosable(inner, where)));
    }

    private bool IsClosableDefinition(string name)
    {
        if (closableDefinitions.TryGetValue(name, out var known))
        {
            // null: still being decided higher up a $ref/allOf cycle, which adds no properties of its own.
            return known ?? false;
        }

        closableDefinitions[name] = null;
        var closable = IsClosable(componentSchemas[name].AsObject(), OpenApiRefPrefix + name);
        closableDefinitions[name] = closable;
        return closable;
    }
}
