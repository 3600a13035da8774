using DsccSimulator.Cli;

namespace DsccSimulator.Tests.Infrastructure;

/// <summary>
/// One simulator for a whole test class (<c>IClassFixture</c>), for tests that only read or are refused and so
/// cannot disturb each other; it saves a simulator start per test.
/// </summary>
public class SharedSimulator : IAsyncLifetime
{
    public TestSimulator Sim { get; private set; }

    public string Token { get; private set; }

    protected virtual SimulatorOptions Options => TestSimulator.DefaultOptions;

    public async Task InitializeAsync()
    {
        Sim = await TestSimulator.StartAsync(Options);
        Token = await Sim.TokenAsync();
    }

    public async Task DisposeAsync() => await Sim.DisposeAsync();
}
