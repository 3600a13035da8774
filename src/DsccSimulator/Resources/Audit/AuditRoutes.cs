using Microsoft.AspNetCore.Routing.Patterns;

namespace DsccSimulator.Resources.Audit;

/// <summary>
/// What a write does, read from its route pattern alone, so writes added later are described without extra code.
/// </summary>
/// <param name="Type">Resource type acted on or created, e.g. <c>host-initiator</c>.</param>
/// <param name="Verb"><c>create</c>, <c>edit</c>, <c>delete</c>, or an action segment (<c>add-volumes</c>).</param>
/// <param name="IdParameter">Route parameter holding the target's id; null for a create.</param>
/// <param name="ParentType">For a create under another resource, that resource's type.</param>
/// <param name="ParentIdParameter">Route parameter holding the parent's id.</param>
public sealed record AuditOperation(
    string Type, string Verb, string IdParameter, string ParentType, string ParentIdParameter)
{
    public bool IsCreate => Verb == "create";

    /// <summary>The privilege family: creating, editing (actions included) or deleting.</summary>
    public string PermissionVerb => Verb is "create" or "delete" ? Verb : "edit";
}

/// <summary>
/// Describes a write from its route pattern. Rules: <c>collection/{id}</c> pairs name resources
/// (<c>device-typeN/{systemId}</c> names a storage system); a single plural literal after the last pair is a
/// create (<c>POST .../{systemId}/volumes</c>, <c>POST /host-initiators</c>); any other trailing literal is an action
/// on the last pair (<c>.../{id}/export</c>, <c>.../{id}/actions/add-volumes</c>); no trailing literal means edit
/// (PUT, PATCH) or delete (DELETE) of the last pair.
/// </summary>
public static class AuditRoutes
{
    private static readonly string[] ApiPrefix = ["api", "v1"];

    public static AuditOperation Describe(RoutePattern pattern, string method)
    {
        var segments = pattern.PathSegments
            .Select(s => s.Parts.Count == 1 ? s.Parts[0] : null)
            .SkipWhile((part, i) => i < ApiPrefix.Length && part is RoutePatternLiteralPart literal
                && literal.Content.Equals(ApiPrefix[i], StringComparison.OrdinalIgnoreCase))
            .ToList();

        var pairs = new List<(string Type, string Parameter)>();
        var trailing = new List<string>();
        for (var i = 0; i < segments.Count; i++)
        {
            if (segments[i] is RoutePatternLiteralPart literal)
            {
                if (i + 1 < segments.Count && segments[i + 1] is RoutePatternParameterPart parameter)
                {
                    pairs.Add((Singular(literal.Content), parameter.Name));
                    trailing.Clear();
                    i++;
                }
                else
                {
                    trailing.Add(literal.Content);
                }
            }
        }

        var parent = pairs.Count > 0 ? pairs[^1] : default;
        if (trailing.Count == 1 && method == HttpMethods.Post && trailing[0].EndsWith('s'))
        {
            return new AuditOperation(Singular(trailing[0]), "create", null, parent.Type, parent.Parameter);
        }

        if (trailing.Count > 0)
        {
            return pairs.Count > 0
                ? new AuditOperation(parent.Type, trailing[^1], parent.Parameter, null, null)
                : new AuditOperation(Singular(trailing[0]), trailing[^1], null, null, null);
        }

        var verb = method == HttpMethods.Delete ? "delete" : "edit";
        return new AuditOperation(parent.Type ?? "resource", verb, parent.Parameter, null, null);
    }

    /// <summary>Resource type of a path segment: <c>applicationsets</c> gives <c>applicationset</c>.</summary>
    public static string Singular(string segment) => segment switch
    {
        _ when segment.StartsWith("device-type", StringComparison.OrdinalIgnoreCase) => "storage-system",
        _ when segment.EndsWith("ies", StringComparison.Ordinal) => segment[..^3] + "y",
        _ when segment.EndsWith('s') => segment[..^1],
        _ => segment,
    };
}
