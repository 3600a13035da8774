using DsccSimulator;

// Entry point: everything lives in SimulatorHost so tests can run the same code with captured output.
return await SimulatorHost.RunAsync(args, Console.Out, Console.Error);

/// <summary>Visible to tests (<c>WebApplicationFactory&lt;Program&gt;</c> and friends).</summary>
public partial class Program
{
}
