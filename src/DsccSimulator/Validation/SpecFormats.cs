using System.Text.Json;
using Json.Schema;

namespace DsccSimulator.Validation;

/// <summary>
/// Formats are asserted (a <c>uuid</c> that is not one fails), so every format the spec uses needs a validator.
/// JsonSchema.Net knows the JSON Schema ones (date-time, uuid, ipv4, ipv6); the OpenAPI integer formats get range
/// checks here; the spec's other labels (<c>float64</c>, <c>password</c>, <c>Any</c>, ...) restrict nothing
/// beyond the type and are accepted as they are.
/// </summary>
public static class SpecFormats
{
    private static readonly Dictionary<string, Func<JsonElement, bool>> RangeChecks = new(StringComparer.Ordinal)
    {
        ["int32"] = value => value.TryGetInt32(out _),
        ["int64"] = value => value.TryGetInt64(out _),
        ["Uint32"] = value => value.TryGetUInt32(out _),
        ["Uint64"] = value => value.TryGetUInt64(out _),
    };

    public static FormatRegistry Registry(IEnumerable<string> formatNames)
    {
        var registry = new FormatRegistry();
        foreach (var name in formatNames)
        {
            if (RangeChecks.TryGetValue(name, out var check))
            {
                // A format applies to numbers only; the type keyword judges everything else.
                registry.Register(new PredicateFormat(
                    name, value => value.ValueKind != JsonValueKind.Number || check(value)));
            }
            else if (FormatRegistry.Global.Get(name) is null or UnknownFormat)
            {
                registry.Register(new PredicateFormat(name, _ => true));
            }
        }

        return registry;
    }
}
