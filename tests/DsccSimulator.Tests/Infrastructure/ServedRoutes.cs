using DsccSimulator.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace DsccSimulator.Tests.Infrastructure;

/// <summary>One method and route the simulator serves, and the spec operation it is (null when none).</summary>
public sealed record ServedRoute(string Method, string Template, SpecOperation Operation);

/// <summary>
/// What the simulator implements, read from its own endpoint data source (the routes ASP.NET dispatches on) and
/// matched against the spec by method and path template; nobody keeps a list by hand.
/// </summary>
public static class ServedRoutes
{
    public static IReadOnlyList<ServedRoute> Of(WebApplication app)
    {
        var spec = SpecModel.LoadEmbedded();
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();
        var routes = new List<ServedRoute>();
        foreach (var endpoint in endpoints)
        {
            var template = SpecModel.Template(endpoint.RoutePattern);
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods;
            if (methods is null)
            {
                // The fallback (any method, any path: 404/405 answers) is no route of its own; anything else
                // mapped for every method is listed so that the spec check sees it.
                if (!endpoint.RoutePattern.Parameters.Any(p => p.IsCatchAll))
                {
                    routes.Add(new ServedRoute("*", template, null));
                }

                continue;
            }

            routes.AddRange(methods.Select(method =>
                new ServedRoute(method, template, spec.Find(method, endpoint.RoutePattern))));
        }

        return routes;
    }
}
