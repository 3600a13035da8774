using System.Globalization;
using System.Text;
using System.Text.Json;
using Json.Pointer;
using Json.Schema;

namespace DsccSimulator.Validation;

/// <summary>
/// Turns JsonSchema.Net's list output into violations that name the offending field in words a client can act on.
/// The list holds every node evaluated, so two kinds of noise are taken out:
/// <list type="bullet">
/// <item>JSON Schema drops the annotations of a failing subschema, so when a body that is a closed
/// <c>{$ref: X}</c> fails anywhere inside X (one wrong type), <c>unevaluatedProperties</c> no longer sees which
/// properties X declared and rejects all of them. A rejected property that some other node did evaluate (through
/// <c>properties</c> or a map's <c>additionalProperties</c>) is declared; only properties no node evaluated are
/// reported as unknown.</item>
/// <item>Failures in an anyOf/oneOf branch when another branch passed, or below a schema that passed.</item>
/// </list>
/// </summary>
public static class SchemaViolations
{
    /// <summary>The key JsonSchema.Net files an error of the <c>false</c> schema under (a closed object's).</summary>
    private const string FalseSchemaError = "";

    public static IReadOnlyList<SchemaViolation> Describe(
        EvaluationResults results, JsonElement instance, SchemaWalker schemas)
    {
        var nodes = new List<EvaluationResults> { results };
        nodes.AddRange(results.Details ?? []);

        var evaluated = nodes.Where(node => !IsRejection(node))
            .Select(node => node.InstanceLocation.ToString())
            .ToHashSet(StringComparer.Ordinal);
        var validPaths = nodes.Where(node => node.IsValid)
            .Select(node => node.EvaluationPath.ToString())
            .ToHashSet(StringComparer.Ordinal);
        var passedCompositions = validPaths.Select(CompositionOfBranch).OfType<string>()
            .ToHashSet(StringComparer.Ordinal);

        var violations = new List<SchemaViolation>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in nodes.Where(node => node.Errors is { Count: > 0 }))
        {
            var pointer = node.InstanceLocation.ToString();
            if ((IsRejection(node) && evaluated.Contains(pointer))
                || UnderAPassingSchema(node, validPaths, passedCompositions))
            {
                continue;
            }

            foreach (var (keyword, message) in node.Errors)
            {
                foreach (var violation in Explain(pointer, keyword, message, instance, schemas))
                {
                    if (seen.Add(violation.Pointer + "\n" + violation.Message))
                    {
                        violations.Add(violation);
                    }
                }
            }
        }

        return violations;
    }

    /// <summary>"/metadata/0/value" as "metadata[0].value"; the empty pointer (the whole value) as "".</summary>
    public static string FieldName(string pointer)
    {
        var field = new StringBuilder();
        foreach (var segment in pointer.Split('/').Skip(1).Select(Unescape))
        {
            if (segment.Length > 0 && segment.All(char.IsAsciiDigit))
            {
                field.Append('[').Append(segment).Append(']');
            }
            else
            {
                field.Append(field.Length == 0 ? "" : ".").Append(segment);
            }
        }

        return field.ToString();
    }

    private static bool IsRejection(EvaluationResults node) =>
        node.Errors is { } errors && errors.ContainsKey(FalseSchemaError);

    /// <summary>
    /// A failure inside an anyOf/oneOf branch (the <c>null</c> branch of a nullable object, say) does not matter
    /// when another branch passed, nor does any failure below a schema that passed as a whole; only failures along
    /// a failing path are the value's problems.
    /// </summary>
    private static bool UnderAPassingSchema(
        EvaluationResults node, HashSet<string> validPaths, HashSet<string> passedCompositions)
    {
        var path = node.EvaluationPath.ToString();
        for (var cut = path.LastIndexOf('/'); cut > 0; cut = path.LastIndexOf('/', cut - 1))
        {
            var ancestor = path[..cut];
            if (validPaths.Contains(ancestor) || passedCompositions.Contains(ancestor))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>".../anyOf" for a path ".../anyOf/2" (a branch), else null.</summary>
    private static string CompositionOfBranch(string path)
    {
        var cut = path.LastIndexOf('/');
        var composition = cut > 0 ? path[..cut] : "";
        return cut > 0 && path[(cut + 1)..].All(char.IsAsciiDigit)
            && (composition.EndsWith("/anyOf", StringComparison.Ordinal)
                || composition.EndsWith("/oneOf", StringComparison.Ordinal))
            ? composition
            : null;
    }

    private static IEnumerable<SchemaViolation> Explain(
        string pointer, string keyword, string message, JsonElement instance, SchemaWalker schemas)
    {
        var field = FieldName(pointer);
        var subject = field.Length == 0 ? "The value" : $"Property '{field}'";
        var value = Value(instance, pointer);

        // The schemas that apply at this place, read from the model: JsonSchema.Net 8.0.5 reports wrong schema
        // locations under "items", so its locations are not used.
        var candidates = schemas.At(pointer);
        JsonElement? keywordValue = null;
        foreach (var candidate in candidates)
        {
            if (candidate.TryGetProperty(keyword, out var found) && Violates(keyword, found, value))
            {
                keywordValue = found;
                break;
            }
        }

        switch (keyword)
        {
            case FalseSchemaError:
                yield return new SchemaViolation(
                    pointer, field, $"Unknown property '{field}': the schema does not define it.");
                break;
            case "required" when keywordValue is { ValueKind: JsonValueKind.Array }
                && value is { ValueKind: JsonValueKind.Object } target:
                var required = candidates
                    .Where(c => c.TryGetProperty("required", out var list) && list.ValueKind == JsonValueKind.Array)
                    .SelectMany(c => c.GetProperty("required").EnumerateArray().Select(r => r.GetString()))
                    .Distinct(StringComparer.Ordinal);
                foreach (var name in required.Where(name => !target.TryGetProperty(name, out _)))
                {
                    var missing = $"{pointer}/{Escape(name)}";
                    yield return new SchemaViolation(
                        missing, FieldName(missing), $"Missing required property '{FieldName(missing)}'.");
                }

                break;
            case "type" when keywordValue is { } type:
                yield return new SchemaViolation(
                    pointer, field, $"{subject} must be {ExpectedTypes(type)}, not {Describe(value)}.");
                break;
            case "enum" when keywordValue is { ValueKind: JsonValueKind.Array } allowed:
                var choices = string.Join(", ", allowed.EnumerateArray().Select(a => a.GetRawText()));
                yield return new SchemaViolation(
                    pointer, field, $"{subject} must be one of {choices}, not {Describe(value)}.");
                break;
            default:
                yield return new SchemaViolation(pointer, field, $"{subject}: {message} ({keyword}).");
                break;
        }
    }

    /// <summary>Whether a keyword value is the one the value breaks (several schemas may apply at one place).
    /// </summary>
    private static bool Violates(string keyword, JsonElement keywordValue, JsonElement? value) => keyword switch
    {
        "type" => value is { } actual && !TypeNames(keywordValue).Any(type => IsOfType(actual, type)),
        "enum" => value is { } actual && keywordValue.ValueKind == JsonValueKind.Array
            && !keywordValue.EnumerateArray().Any(allowed => JsonElement.DeepEquals(allowed, actual)),
        "required" => value is { ValueKind: JsonValueKind.Object } actual
            && keywordValue.ValueKind == JsonValueKind.Array
            && keywordValue.EnumerateArray().Any(name => !actual.TryGetProperty(name.GetString(), out _)),
        _ => true,
    };

    private static IEnumerable<string> TypeNames(JsonElement type) => type.ValueKind == JsonValueKind.Array
        ? type.EnumerateArray().Select(t => t.GetString())
        : [type.GetString()];

    private static bool IsOfType(JsonElement value, string type) => type switch
    {
        "object" => value.ValueKind == JsonValueKind.Object,
        "array" => value.ValueKind == JsonValueKind.Array,
        "string" => value.ValueKind == JsonValueKind.String,
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "null" => value.ValueKind == JsonValueKind.Null,
        "number" => value.ValueKind == JsonValueKind.Number,
        "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var number)
            && decimal.Truncate(number) == number,
        _ => false,
    };

    private static JsonElement? Value(JsonElement instance, string pointer) =>
        JsonPointer.TryParse(pointer, out var parsed) ? parsed.Evaluate(instance) : null;

    private static string ExpectedTypes(JsonElement type) => string.Join(" or ", TypeNames(type).Select(Article));

    private static string Article(string type) => type switch
    {
        "integer" or "object" or "array" => "an " + type,
        "null" => "null",
        _ => "a " + type,
    };

    private static string Describe(JsonElement? value) => value?.ValueKind switch
    {
        JsonValueKind.String => $"the string {value.Value.GetRawText()}",
        JsonValueKind.Number => string.Create(CultureInfo.InvariantCulture, $"the number {value.Value.GetRawText()}"),
        JsonValueKind.True or JsonValueKind.False => $"the boolean {value.Value.GetRawText()}",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    private static string Escape(string name) => name.Replace("~", "~0").Replace("/", "~1");

    private static string Unescape(string segment) => segment.Replace("~1", "/").Replace("~0", "~");
}
