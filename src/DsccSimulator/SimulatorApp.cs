using System.Net;
using DsccSimulator.Auth;
using DsccSimulator.Cli;
using DsccSimulator.Control;
using DsccSimulator.Errors;
using DsccSimulator.Faults;
using DsccSimulator.Persistence;
using DsccSimulator.Querying;
using DsccSimulator.RequestLog;
using DsccSimulator.Resources.Clones;
using DsccSimulator.Resources.Exports;
using DsccSimulator.Resources.Audit;
using DsccSimulator.Resources.Common;
using DsccSimulator.Resources.Hosts;
using DsccSimulator.Resources.Issues;
using DsccSimulator.Resources.Pools;
using DsccSimulator.Resources.Snapshots;
using DsccSimulator.Resources.Systems;
using DsccSimulator.Resources.Tasks;
using DsccSimulator.Resources.Volumes;
using DsccSimulator.Resources.VolumeSets;
using DsccSimulator.Stats;
using DsccSimulator.Store;
using DsccSimulator.Tasks;
using DsccSimulator.Validation;
using Microsoft.Extensions.Logging.Console;

namespace DsccSimulator;

/// <summary>
/// Builds the simulator's web application from options. The command line and the tests both come through here;
/// tests pass a fake <see cref="TimeProvider"/> and may swap Kestrel for the in-memory test server.
/// </summary>
public static class SimulatorApp
{
    public static WebApplicationBuilder CreateBuilder(SimulatorOptions options, TimeProvider time = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            // Our own command line is not ASP.NET configuration, and the user's working directory must not be
            // able to change the simulator (no stray appsettings.json).
            Args = [],
            ContentRootPath = AppContext.BaseDirectory,
        });

        // Only 127.0.0.1: the simulator accepts a well-known demo secret and must not be reachable from the network.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, options.Port));

        // Warnings and errors only, and on stderr: stdout belongs to the startup banner that scripts parse.
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddSimpleConsole(console => console.SingleLine = true);
        builder.Services.Configure<ConsoleLoggerOptions>(
            console => console.LogToStandardErrorThreshold = LogLevel.Trace);

        AddSimulatorServices(builder.Services, options, time ?? TimeProvider.System);
        return builder;
    }

    public static WebApplication Build(WebApplicationBuilder builder)
    {
        var app = builder.Build();
        ConfigurePipeline(app);
        MapEndpoints(app);
        return app;
    }

    private static void AddSimulatorServices(IServiceCollection services, SimulatorOptions options, TimeProvider time)
    {
        services.AddSingleton(options);
        services.AddSingleton(time);
        services.AddSingleton(new PagingSettings(options.DefaultPageSize, options.MaxPageSize));
        services.AddSingleton(VolumeStoreFields.AddTo(new StoreFieldCatalog()));
        services.AddStatePersistence(options);
        services.AddSingleton<ClientRegistry>();
        services.AddSingleton<TokenService>();
        services.AddSingleton<TaskRunner>();
        services.AddSingleton<RequestLogStore>();
        services.AddSingleton(_ => SpecModel.LoadEmbedded());
        services.AddSingleton<AuditLog>();
        services.AddSingleton(provider =>
            IssueSeedData.Create(provider.GetRequiredService<FleetStore>(), options.Seed));
        services.AddSingleton<SimStats>();
        services.AddSingleton<FaultInjector>();
    }

    private static void ConfigurePipeline(WebApplication app)
    {
        // Order matters: log first (so rejected calls are logged too), count, inject faults (before anything processes
        // the call), then error handling, so that everything after it (auth, task catch-up, routing, endpoints)
        // answers failures with a JSON body.
        app.UseMiddleware<RequestLogMiddleware>();
        app.UseMiddleware<StatsMiddleware>();
        app.UseMiddleware<FaultInjectionMiddleware>();
        app.UseMiddleware<ErrorHandlingMiddleware>();
        app.UseMiddleware<BearerAuthenticationMiddleware>();
        app.UseMiddleware<TaskCatchUpMiddleware>();
        app.UseRouting();

        // After routing: the matched endpoint's route pattern names the spec operation whose body schema applies.
        app.UseMiddleware<RequestBodyValidationMiddleware>();

        // After routing, which tells it the route of each write; records successful writes in the audit trail.
        app.UseMiddleware<AuditMiddleware>();
    }

    private static void MapEndpoints(WebApplication app)
    {
        TokenEndpoint.Map(app);
        ControlEndpoints.Map(app);
        TransportControlEndpoints.Map(app);

        var api = app.MapGroup(ResourceUris.Api);
        SystemEndpoints.Map(api);
        PoolEndpoints.Map(api);
        VolumeEndpoints.Map(api);
        VolumeCreateEndpoints.Map(api);
        VolumeChangeEndpoints.Map(api);
        SnapshotEndpoints.Map(api);
        CloneEndpoints.Map(api);
        ExportEndpoints.Map(api);
        TaskEndpoints.Map(api);
        HostEndpoints.Map(api);
        HostGroupEndpoints.Map(api);
        InitiatorEndpoints.Map(api);
        VolumeSetEndpoints.Map(api);
        ApplicationSetEndpoints.Map(api);
        VolumeCollectionEndpoints.Map(api);
        AuditEndpoints.Map(api);
        IssueEndpoints.Map(api);

        FallbackEndpoint.Map(app);
    }
}
