using System.Collections.Concurrent;
using System.Text.Json;
using Json.Schema;

namespace DsccSimulator.Validation;

/// <summary>One problem found in a JSON value: where (JSON pointer and dotted name) and what, in words.</summary>
public sealed record SchemaViolation(string Pointer, string Field, string Message);

/// <summary>
/// Validates JSON values against the spec model's JSON Schema 2020-12 document with JsonSchema.Net. The document is
/// built once; each schema key gets a small <c>{"$ref": ...}</c> schema on first use. Formats are asserted, not
/// just annotated (see <see cref="SpecFormats"/>). Thread-safe: the tests validate from many threads at once.
/// </summary>
public sealed class SpecSchemas
{
    private readonly string schemaId;

    private readonly JsonElement document;

    private readonly BuildOptions buildOptions;

    private readonly EvaluationOptions flagOptions;

    private readonly EvaluationOptions listOptions;

    private readonly Lock buildGate = new();

    private readonly ConcurrentDictionary<string, Lazy<JsonSchema>> schemasByKey = new(StringComparer.Ordinal);

    public SpecSchemas(string schemaId, JsonElement document, IEnumerable<string> formatNames)
    {
        this.schemaId = schemaId;
        this.document = document;
        buildOptions = new BuildOptions { SchemaRegistry = new SchemaRegistry() };

        // Building registers the document under its $id in this registry only, so two models cannot collide.
        JsonSchema.Build(document, buildOptions);

        // Shared option objects, never one per call: JsonSchema.Net has had races with per-call options.
        var formats = SpecFormats.Registry(formatNames);
        flagOptions = Options(OutputFormat.Flag, formats);
        listOptions = Options(OutputFormat.List, formats);
    }

    public bool Contains(string key) => document.GetProperty("$defs").TryGetProperty(key, out _);

    /// <summary>Every violation of the schema named by <paramref name="key"/>; empty when the value conforms.</summary>
    public IReadOnlyList<SchemaViolation> Validate(JsonElement instance, string key) =>
        Evaluate(instance, key, closed: false);

    /// <summary>
    /// Every violation of a spec component used as a whole value (<c>Task</c>, <c>fleetVolumeDetails</c>): the
    /// component closed to undeclared properties, as a body of that schema would be.
    /// </summary>
    public IReadOnlyList<SchemaViolation> ValidateComponent(JsonElement instance, string componentName) =>
        Evaluate(instance, componentName, closed: true);

    private IReadOnlyList<SchemaViolation> Evaluate(JsonElement instance, string key, bool closed)
    {
        var cacheKey = (closed ? "closed " : "") + key;
        var schema = schemasByKey.GetOrAdd(cacheKey, _ => new Lazy<JsonSchema>(() => Reference(key, closed))).Value;

        // The flag pass is cheap; the full list (every node evaluated) is only needed to explain a failure.
        if (schema.Evaluate(instance, flagOptions).IsValid)
        {
            return [];
        }

        var results = schema.Evaluate(instance, listOptions);
        var root = document.GetProperty("$defs").GetProperty(key);
        return SchemaViolations.Describe(results, instance, new SchemaWalker(document, root));
    }

    private JsonSchema Reference(string key, bool closed)
    {
        if (!Contains(key))
        {
            throw new ArgumentException($"The spec model has no schema '{key}'.", nameof(key));
        }

        var reference = new Dictionary<string, object> { ["$ref"] = $"{schemaId}#/$defs/{key}" };
        if (closed)
        {
            reference["unevaluatedProperties"] = false;
        }

        using var parsed = JsonDocument.Parse(JsonSerializer.Serialize(reference));

        // Building registers into the shared registry, which is not documented as thread-safe.
        lock (buildGate)
        {
            return JsonSchema.Build(parsed.RootElement.Clone(), buildOptions);
        }
    }

    private static EvaluationOptions Options(OutputFormat output, FormatRegistry formats) => new()
    {
        OutputFormat = output,
        RequireFormatValidation = true,
        FormatRegistry = formats,
    };
}
