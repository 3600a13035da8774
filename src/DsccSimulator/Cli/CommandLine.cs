using System.Globalization;

namespace DsccSimulator.Cli;

/// <summary>What the command line asked for: run with options, show help, or stop with an error.</summary>
public sealed record CommandLineResult(SimulatorOptions Options, bool ShowHelp, string Error)
{
    /// <summary>Exit code for a command line the simulator cannot use (conventional "usage error").</summary>
    public const int UsageErrorExitCode = 2;

    public bool IsError => Error is not null;
}

/// <summary>
/// Parses <c>--name value</c> pairs. Deliberately strict: an admin who mistypes an option should be told at once,
/// not discover later that the simulator silently used a default.
/// </summary>
public static class CommandLine
{
    private delegate SimulatorOptions Apply(SimulatorOptions options, string value);

    /// <param name="Repeatable">
    /// True for options that add to a list (<c>--client</c>); any other option given twice is an error, since
    /// silently taking one of the two values would hide the mistake.
    /// </param>
    private sealed record OptionSpec(
        string Name, string ValueName, string Description, Apply Apply, bool Repeatable = false);

    private static readonly OptionSpec[] Specs =
    [
        new("--port", "<n>", "TCP port on 127.0.0.1 (0 = pick a free port). Required.",
            (o, v) => o with { Port = ParseInt("--port", v, 0, 65535) }),
        new("--client-id", "<id>",
            $"OAuth client id accepted by /as/token.oauth2 (default {SimulatorOptions.DefaultClientId}).",
            (o, v) => o with { ClientId = ParseText("--client-id", v) }),
        new("--client-secret", "<secret>",
            $"OAuth client secret (default {SimulatorOptions.DefaultClientSecret}).",
            (o, v) => o with { ClientSecret = ParseText("--client-secret", v) }),
        new("--token-lifetime", "<seconds>", "Access token lifetime in seconds (default 7200).",
            (o, v) => o with { TokenLifetimeSeconds = ParseInt("--token-lifetime", v, 1, int.MaxValue) }),
        new("--seed", "<n>", "Seed for the generated fleet; same seed, same data (default 1).",
            (o, v) => o with { Seed = ParseInt("--seed", v, int.MinValue, int.MaxValue) }),
        new("--volumes", "<n>", "Number of volumes generated at startup (default 60).",
            (o, v) => o with { Volumes = ParseInt("--volumes", v, 0, 10_000_000) }),
        new("--default-page-size", "<n>", "Page size when a list request has no limit (default 50).",
            (o, v) => o with { DefaultPageSize = ParseInt("--default-page-size", v, 1, int.MaxValue) }),
        new("--max-page-size", "<n>", "Largest page served; bigger limits are reduced (default 1000).",
            (o, v) => o with { MaxPageSize = ParseInt("--max-page-size", v, 1, int.MaxValue) }),
        new("--task-duration-ms", "<n>", "Milliseconds an asynchronous task runs before it ends (default 1500).",
            (o, v) => o with { TaskDurationMs = ParseInt("--task-duration-ms", v, 0, int.MaxValue) }),
        new("--client", "<id>:<secret>", "Another API client with full access; repeat for more clients.",
            (o, v) => o with { Clients = [.. o.Clients, ParseClient(v)] }, Repeatable: true),
        new("--latency-ms", "<n>", "Milliseconds added to every /api/v1 and token call (default 0).",
            (o, v) => o with { LatencyMs = ParseInt("--latency-ms", v, 0, MaxLatencyMs) }),
        new("--fault-rate", "<0..1>",
            "Share of calls given a random 429/502/503/504 or dropped connection (default 0).",
            (o, v) => o with { FaultRate = ParseFraction("--fault-rate", v) }),
        new("--state-file", "<path>",
            "Load fleet, tasks and clients from this file if it exists; save every change to it.",
            (o, v) => o with { StateFile = ParseText("--state-file", v) }),
    ];

    /// <summary>Ten minutes: anything longer is a typo, not a latency.</summary>
    private const int MaxLatencyMs = 600_000;

    public static CommandLineResult Parse(IReadOnlyList<string> args)
    {
        var options = new SimulatorOptions();
        var given = new HashSet<string>(StringComparer.Ordinal);

        // Someone asking for help gets it, even if the rest of the line is wrong.
        if (args.Any(arg => arg is "--help" or "-h" or "-?"))
        {
            return new CommandLineResult(options, ShowHelp: true, Error: null);
        }

        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            var spec = Array.Find(Specs, s => string.Equals(s.Name, arg, StringComparison.Ordinal));
            if (spec is null)
            {
                return Fail($"unknown option '{arg}'");
            }

            if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                return Fail($"option '{arg}' needs a value {spec.ValueName}");
            }

            if (!given.Add(spec.Name) && !spec.Repeatable)
            {
                return Fail($"option '{arg}' is given more than once");
            }

            try
            {
                options = spec.Apply(options, args[++i]);
            }
            catch (FormatException ex)
            {
                return Fail(ex.Message);
            }
        }

        if (!given.Contains("--port"))
        {
            return Fail("option '--port' is required (use --port 0 to pick a free port)");
        }

        if (options.DefaultPageSize > options.MaxPageSize)
        {
            return Fail($"--default-page-size ({options.DefaultPageSize}) cannot exceed "
                + $"--max-page-size ({options.MaxPageSize})");
        }

        var duplicate = options.Clients.Select(c => c.ClientId).Prepend(options.ClientId)
            .GroupBy(id => id, StringComparer.Ordinal)
            .FirstOrDefault(group => group.Count() > 1);
        if (duplicate is not null)
        {
            return Fail($"client id '{duplicate.Key}' is given more than once");
        }

        return new CommandLineResult(options, ShowHelp: false, Error: null);
    }

    /// <summary>The one-line message printed to stderr for a bad command line.</summary>
    public static string FormatError(string error) => $"DsccSimulator: {error}; use --help for usage.";

    public static string HelpText()
    {
        var lines = new List<string>
        {
            "DSCC simulator: a local stand-in for the HPE Data Services Cloud Console storage API v1.",
            "",
            "Usage: DsccSimulator --port <n> [options]",
            "",
            "Options:",
        };
        var width = Specs.Max(s => s.Name.Length + s.ValueName.Length + 1);
        lines.AddRange(Specs.Select(s => $"  {(s.Name + " " + s.ValueName).PadRight(width)}  {s.Description}"));
        lines.Add($"  {"--help".PadRight(width)}  Show this help and exit.");
        lines.Add("");
        lines.Add("Listens on 127.0.0.1 only. Once ready it prints");
        lines.Add("  DSCC simulator listening on http://127.0.0.1:<port>");
        lines.Add("  Client id: <id>");
        lines.Add("  Client secret: <secret>");
        lines.Add("and serves until stopped (Ctrl+C).");
        lines.Add("Test hooks (loopback only, no token): GET/DELETE /_sim/requests (request log), GET /_sim/health,");
        lines.Add("  POST/GET/DELETE /_sim/faults (scripted faults), GET/DELETE /_sim/stats (counters),");
        lines.Add("  GET/POST /_sim/clients, POST /_sim/clients/{id}/rotate-secret|expire-tokens,");
        lines.Add("  DELETE /_sim/clients/{id} (clients and tokens). See README.md for their JSON contracts.");
        return string.Join(Environment.NewLine, lines);
    }

    private static CommandLineResult Fail(string message) =>
        new(new SimulatorOptions(), ShowHelp: false, Error: message);

    private static int ParseInt(string option, string text, int min, int max)
    {
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            throw new FormatException($"option '{option}' needs a whole number, got '{text}'");
        }

        if (value < min || value > max)
        {
            throw new FormatException($"option '{option}' must be between {min} and {max}, got {value}");
        }

        return value;
    }

    private static double ParseFraction(string option, string text)
    {
        if (!double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            throw new FormatException($"option '{option}' needs a number from 0 to 1, got '{text}'");
        }

        if (value is < 0 or > 1)
        {
            throw new FormatException($"option '{option}' must be between 0 and 1, got {text}");
        }

        return value;
    }

    /// <summary><c>id:secret</c>, split at the first colon so secrets may contain colons.</summary>
    private static ClientCredentials ParseClient(string text)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == text.Length - 1)
        {
            throw new FormatException($"option '--client' needs <id>:<secret> with both parts non-empty, got '{text}'");
        }

        return new ClientCredentials(text[..colon], text[(colon + 1)..]);
    }

    private static string ParseText(string option, string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new FormatException($"option '{option}' needs a non-empty value");
        }

        return text;
    }
}
