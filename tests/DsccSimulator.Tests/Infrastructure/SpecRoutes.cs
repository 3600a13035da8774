using DsccSimulator.Validation;

namespace DsccSimulator.Tests.Infrastructure;

/// <summary>
/// Finds the spec operation a concrete request addresses (<c>GET /api/v1/tasks/5e1...</c> is <c>GetTask</c>), the
/// way a router would: segment by segment, a literal segment beats a parameter, so
/// <c>/storage-systems/device-type1</c> is the device-type1 list and not the system <c>{id}</c>.
/// </summary>
public static class SpecRoutes
{
    private static readonly Lazy<List<(string[] Segments, SpecOperation Operation)>> Templates = new(() =>
        [.. SpecModel.LoadEmbedded().Operations.Select(o => (Split(o.Path), o))]);

    public static SpecOperation Find(string method, string path)
    {
        var segments = Split(path);
        SpecOperation best = null;
        bool[] bestLiterals = null;
        foreach (var (template, operation) in Templates.Value)
        {
            if (template.Length != segments.Length
                || !string.Equals(operation.Method, method, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var literals = new bool[template.Length];
            var matches = true;
            for (var i = 0; i < template.Length && matches; i++)
            {
                literals[i] = !IsParameter(template[i]);
                matches = !literals[i] || string.Equals(template[i], segments[i], StringComparison.OrdinalIgnoreCase);
            }

            if (matches && (bestLiterals is null || MoreLiteral(literals, bestLiterals)))
            {
                (best, bestLiterals) = (operation, literals);
            }
        }

        return best;
    }

    private static bool MoreLiteral(bool[] candidate, bool[] current)
    {
        for (var i = 0; i < candidate.Length; i++)
        {
            if (candidate[i] != current[i])
            {
                return candidate[i];
            }
        }

        return false;
    }

    private static bool IsParameter(string segment) =>
        segment.StartsWith('{') && segment.EndsWith('}');

    private static string[] Split(string path) =>
        path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();
}
