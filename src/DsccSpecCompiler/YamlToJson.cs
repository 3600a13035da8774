using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace DsccSpecCompiler;

/// <summary>
/// Reads one YAML document into a <see cref="JsonNode"/> tree, typing plain scalars by the YAML 1.2 core schema
/// (what OpenAPI 3.0 specifies), so <c>true</c>, <c>null</c> and <c>42</c> become JSON literals while quoted
/// scalars stay strings. Works on the parser's event stream: the 3 MB spec never exists as a second object model.
/// </summary>
public static partial class YamlToJson
{
    public static JsonNode Read(TextReader text)
    {
        var parser = new Parser(text);
        parser.Consume<StreamStart>();
        parser.Consume<DocumentStart>();
        var root = ReadNode(parser);
        parser.Consume<DocumentEnd>();
        return parser.Accept<DocumentStart>(out _)
            ? throw new InvalidDataException("The spec must be a single YAML document.")
            : root;
    }

    private static JsonNode ReadNode(IParser parser)
    {
        if (parser.Accept<AnchorAlias>(out var alias))
        {
            // The spec uses none; supporting aliases would mean copying subtrees, so refuse rather than guess.
            throw new InvalidDataException($"YAML alias *{alias.Value} at {alias.Start} is not supported.");
        }

        var node = parser.Consume<NodeEvent>();
        if (!node.Anchor.IsEmpty)
        {
            throw new InvalidDataException($"YAML anchor &{node.Anchor} at {node.Start} is not supported.");
        }

        return node switch
        {
            Scalar scalar => ScalarValue(scalar),
            MappingStart => ReadMapping(parser),
            SequenceStart => ReadSequence(parser),
            _ => throw new InvalidDataException($"Unexpected YAML event {node.GetType().Name} at {node.Start}."),
        };
    }

    private static JsonObject ReadMapping(IParser parser)
    {
        var mapping = new JsonObject();
        while (!parser.TryConsume<MappingEnd>(out _))
        {
            var key = parser.Consume<Scalar>();
            if (mapping.ContainsKey(key.Value))
            {
                throw new InvalidDataException($"Duplicate key '{key.Value}' at {key.Start}.");
            }

            mapping[key.Value] = ReadNode(parser);
        }

        return mapping;
    }

    private static JsonArray ReadSequence(IParser parser)
    {
        var sequence = new JsonArray();
        while (!parser.TryConsume<SequenceEnd>(out _))
        {
            sequence.Add(ReadNode(parser));
        }

        return sequence;
    }

    /// <summary>
    /// YAML 1.2 core schema resolution of plain scalars (decimal numbers only: the spec has no octal, hex or .inf);
    /// every other style is a string.
    /// </summary>
    private static JsonNode ScalarValue(Scalar scalar)
    {
        var text = scalar.Value;
        if (scalar.Style != ScalarStyle.Plain)
        {
            return JsonValue.Create(text);
        }

        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return null;
            case "true" or "True" or "TRUE":
                return JsonValue.Create(true);
            case "false" or "False" or "FALSE":
                return JsonValue.Create(false);
        }

        if (JsonNumber().IsMatch(text))
        {
            // Already valid JSON: keep the exact digits (no double rounding of large int64 bounds).
            return JsonValue.Create(JsonDocument.Parse(text).RootElement.Clone());
        }

        if (YamlInteger().IsMatch(text))
        {
            return JsonValue.Create(long.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture));
        }

        return YamlFloat().IsMatch(text)
            ? JsonValue.Create(double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture))
            : JsonValue.Create(text);
    }

    [GeneratedRegex(@"^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?$")]
    private static partial Regex JsonNumber();

    [GeneratedRegex(@"^[-+]?[0-9]+$")]
    private static partial Regex YamlInteger();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex YamlFloat();
}
