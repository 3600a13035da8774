using System.Globalization;
using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace DsccSimulator.Json;

/// <summary>One set of serializer settings for every response, so filter paths and output names always agree.</summary>
public static class JsonDefaults
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            // Nearly every spec property is nullable; leaving unset ones out keeps payloads close to the examples.
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            WriteIndented = false,

            // Responses are JSON for API clients, never HTML; keep quotes and angle brackets readable in messages.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { ApplySnakeCase } },
        };
        options.Converters.Add(new UtcTimestampConverter());

        // Freeze now: filters resolve paths through JsonTypeInfo, which needs read-only options.
        options.MakeReadOnly();
        return options;
    }

    private static void ApplySnakeCase(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Kind != JsonTypeInfoKind.Object || typeInfo.Type.GetCustomAttribute<SnakeCaseAttribute>() is null)
        {
            return;
        }

        foreach (var property in typeInfo.Properties)
        {
            var member = property.AttributeProvider as MemberInfo;
            if (member?.GetCustomAttribute<JsonPropertyNameAttribute>() is null)
            {
                property.Name = JsonNamingPolicy.SnakeCaseLower.ConvertName(member?.Name ?? property.Name);
            }
        }
    }

    /// <summary>Task timestamps: ISO-8601 in UTC with a <c>Z</c>, like the spec's date-time examples.</summary>
    private sealed class UtcTimestampConverter : JsonConverter<DateTimeOffset>
    {
        private const string Format = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

        public override DateTimeOffset Read(
            ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            DateTimeOffset.Parse(
                reader.GetString() ?? "", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture));
    }
}
