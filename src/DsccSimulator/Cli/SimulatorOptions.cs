namespace DsccSimulator.Cli;

/// <summary>
/// Everything the simulator can be configured with. The command line fills it; tests construct it directly
/// (tiny token lifetimes, small pages, instant tasks) so both go through the same code.
/// </summary>
public sealed record SimulatorOptions
{
    public const string DefaultClientId = "dscc-demo-client";

    public const string DefaultClientSecret = "dscc-demo-secret";

    /// <summary>TCP port on 127.0.0.1; 0 lets the operating system pick a free one.</summary>
    public int Port { get; init; }

    public string ClientId { get; init; } = DefaultClientId;

    public string ClientSecret { get; init; } = DefaultClientSecret;

    /// <summary>Seconds an access token stays valid; DSCC issues 7200-second tokens.</summary>
    public int TokenLifetimeSeconds { get; init; } = 7200;

    /// <summary>Seed for the generated fleet; the same seed always yields the same ids, names and sizes.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Number of volumes generated at startup, spread round-robin over the seeded systems.</summary>
    public int Volumes { get; init; } = 60;

    /// <summary>Page size used when a list request has no <c>limit</c>.</summary>
    public int DefaultPageSize { get; init; } = 50;

    /// <summary>Largest page served; larger <c>limit</c> values are reduced to this.</summary>
    public int MaxPageSize { get; init; } = 1000;

    /// <summary>How long an asynchronous task takes from submission to SUCCEEDED.</summary>
    public int TaskDurationMs { get; init; } = 1500;

    /// <summary>API clients registered besides the demo client (<c>--client id:secret</c>, repeatable).</summary>
    public IReadOnlyList<ClientCredentials> Clients { get; init; } = [];

    /// <summary>Milliseconds added to every <c>/api/v1</c> and token call before it is answered.</summary>
    public int LatencyMs { get; init; }

    /// <summary>Share (0..1) of <c>/api/v1</c> and token calls that get a random fault.</summary>
    public double FaultRate { get; init; }

    /// <summary>File the fleet, tasks and clients are loaded from and saved to; null keeps all in memory.</summary>
    public string StateFile { get; init; }
}

/// <summary>An OAuth client id and secret given on the command line.</summary>
public sealed record ClientCredentials(string ClientId, string ClientSecret);
