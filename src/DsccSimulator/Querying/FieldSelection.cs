using System.Text.Json;
using System.Text.Json.Nodes;
using DsccSimulator.Errors;

namespace DsccSimulator.Querying;

/// <summary>
/// A parsed <c>select</c> query (<c>id,name,deviceType.key</c>): the response keeps only these properties.
/// Applied to the serialized JSON, so it works the same for every resource.
/// </summary>
public sealed class FieldSelection
{
    private sealed class Node
    {
        public Dictionary<string, Node> Children { get; } = new(StringComparer.Ordinal);

        /// <summary>Set when the property itself was selected, which keeps all of its content.</summary>
        public bool Whole { get; set; }
    }

    private readonly Node root;

    private FieldSelection(Node root) => this.root = root;

    public static FieldSelection Parse(string text, Type itemType, JsonSerializerOptions options)
    {
        var root = new Node();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            if (part.Length == 0)
            {
                throw ApiException.BadRequest($"Invalid select '{text}': empty property name.");
            }

            var node = root;
            foreach (var name in PropertyPath.Resolve(itemType, part, options).Names)
            {
                if (!node.Children.TryGetValue(name, out var child))
                {
                    child = new Node();
                    node.Children.Add(name, child);
                }

                node = child;
            }

            node.Whole = true;
        }

        return new FieldSelection(root);
    }

    /// <summary>Removes unselected properties from an item, or from every item of an array.</summary>
    public void Apply(JsonNode item) => Prune(item, root);

    private static void Prune(JsonNode json, Node selection)
    {
        if (selection.Whole)
        {
            return;
        }

        switch (json)
        {
            case JsonArray array:
                foreach (var element in array)
                {
                    Prune(element, selection);
                }

                break;
            case JsonObject obj:
                foreach (var name in obj.Select(p => p.Key).ToList())
                {
                    if (selection.Children.TryGetValue(name, out var child))
                    {
                        Prune(obj[name], child);
                    }
                    else
                    {
                        obj.Remove(name);
                    }
                }

                break;
        }
    }
}
