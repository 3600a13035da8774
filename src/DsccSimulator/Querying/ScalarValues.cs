using System.Globalization;
using System.Text.RegularExpressions;
using DsccSimulator.Errors;

namespace DsccSimulator.Querying;

/// <summary>How a property's values compare: the JSON type the client sees, plus dates.</summary>
public enum ScalarKind
{
    String,
    Number,
    Boolean,
    DateTime,
}

/// <summary>Conversions and comparisons shared by filters and sorts, so both order values the same way.</summary>
public static partial class ScalarValues
{
    public static ScalarKind KindOf(Type type)
    {
        var plain = Nullable.GetUnderlyingType(type) ?? type;
        if (plain == typeof(bool))
        {
            return ScalarKind.Boolean;
        }

        if (plain == typeof(DateTimeOffset) || plain == typeof(DateTime))
        {
            return ScalarKind.DateTime;
        }

        var isNumber = !plain.IsEnum && Type.GetTypeCode(plain) is TypeCode.Byte or TypeCode.SByte or TypeCode.Int16
            or TypeCode.UInt16 or TypeCode.Int32 or TypeCode.UInt32 or TypeCode.Int64 or TypeCode.UInt64
            or TypeCode.Single or TypeCode.Double or TypeCode.Decimal;
        return isNumber ? ScalarKind.Number : ScalarKind.String;
    }

    /// <summary>Converts a filter literal to the property's kind, or explains in a 400 why it cannot.</summary>
    public static object ParseLiteral(FilterToken literal, ScalarKind kind, string propertyText)
    {
        if (literal.Kind == FilterTokenKind.Word && literal.IsWord("null"))
        {
            return null;
        }

        var text = literal.Text;
        switch (kind)
        {
            case ScalarKind.Number:
                return decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                    ? number
                    : throw Mismatch(propertyText, "a number", literal);
            case ScalarKind.Boolean:
                return bool.TryParse(text, out var flag)
                    ? flag
                    : throw Mismatch(propertyText, "true or false", literal);
            case ScalarKind.DateTime:
                return TryParseTimestamp(text, out var when)
                    ? when
                    : throw Mismatch(propertyText, "an ISO-8601 timestamp", literal);
            default:
                return text;
        }
    }

    /// <summary>Brings a property value into the form <see cref="Compare"/> expects.</summary>
    public static object Normalize(object value, ScalarKind kind) => value switch
    {
        null => null,
        DateTime dateTime => new DateTimeOffset(DateTime.SpecifyKind(dateTime, DateTimeKind.Utc)),
        _ when kind == ScalarKind.Number => Convert.ToDecimal(value, CultureInfo.InvariantCulture),
        _ when kind == ScalarKind.String => Convert.ToString(value, CultureInfo.InvariantCulture),
        _ => value,
    };

    /// <summary>
    /// Orders two normalized values of one kind. Strings that both look like timestamps compare as times (the spec
    /// filters <c>occurredAt gt 2020-09-08T16:51:33Z</c> on string properties); other strings compare ordinally.
    /// Null sorts after everything.
    /// </summary>
    public static int Compare(object left, object right)
    {
        if (left is null || right is null)
        {
            return (left is null ? 1 : 0) - (right is null ? 1 : 0);
        }

        if (left is string a && right is string b)
        {
            return TryParseTimestamp(a, out var t1) && TryParseTimestamp(b, out var t2)
                ? t1.CompareTo(t2)
                : string.CompareOrdinal(a, b);
        }

        return Comparer<object>.Default.Compare(left, right);
    }

    public static bool TryParseTimestamp(string text, out DateTimeOffset value)
    {
        value = default;
        return IsoDate().IsMatch(text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value);
    }

    private static ApiException Mismatch(string propertyText, string expected, FilterToken literal) =>
        ApiException.BadRequest(
            $"Invalid filter: '{propertyText}' holds {expected}, so it cannot be compared with {literal.Describe()}.");

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}")]
    private static partial Regex IsoDate();
}
