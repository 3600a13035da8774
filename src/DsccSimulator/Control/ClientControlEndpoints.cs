using System.Net;
using DsccSimulator.Auth;
using DsccSimulator.Errors;
using DsccSimulator.Json;

namespace DsccSimulator.Control;

/// <summary>One client as <c>/_sim/clients</c> shows it; secrets are never echoed.</summary>
public sealed record ClientView(string ClientId, string Access);

/// <summary>
/// Runtime control of API clients, for token tests: register (optionally without permissions), rotate a secret,
/// delete (tokens die at once) and expire the current token.
/// </summary>
public static class ClientControlEndpoints
{
    public static void Map(IEndpointRouteBuilder control)
    {
        control.MapGet("/clients", (ClientRegistry clients) =>
            Results.Json(clients.Snapshot().Select(View).ToList(), JsonDefaults.Options));

        control.MapPost("/clients", async (HttpContext context, ClientRegistry clients) =>
        {
            var body = await ControlBody.ReadAsync(context.Request, "clientId", "clientSecret", "access");
            var client = new RegisteredClient(
                body.RequiredText("clientId"),
                body.RequiredText("clientSecret"),
                ParseAccess(body.OptionalText("access")));
            if (!clients.TryAdd(client))
            {
                throw new ApiException(HttpStatusCode.Conflict, $"Client '{client.ClientId}' already exists.");
            }

            return Results.Json(View(client), JsonDefaults.Options, statusCode: StatusCodes.Status201Created);
        });

        control.MapPost("/clients/{clientId}/rotate-secret",
            async (HttpContext context, ClientRegistry clients, string clientId) =>
            {
                var body = await ControlBody.ReadAsync(context.Request, "clientSecret");
                var secret = body.RequiredText("clientSecret");
                return clients.TryRotateSecret(clientId, secret) ? Results.NoContent() : throw NotFound(clientId);
            });

        control.MapPost("/clients/{clientId}/expire-tokens",
            (ClientRegistry clients, TokenService tokens, string clientId) =>
            {
                _ = clients.Find(clientId) ?? throw NotFound(clientId);
                tokens.ExpireCurrentToken(clientId);
                return Results.NoContent();
            });

        control.MapDelete("/clients/{clientId}", (ClientRegistry clients, TokenService tokens, string clientId) =>
        {
            if (!clients.TryRemove(clientId))
            {
                throw NotFound(clientId);
            }

            tokens.RevokeAll(clientId);
            return Results.NoContent();
        });
    }

    private static ClientView View(RegisteredClient client) =>
        new(client.ClientId, client.Access == ClientAccess.None ? "none" : "full");

    private static ClientAccess ParseAccess(string text) => text switch
    {
        null or "full" => ClientAccess.Full,
        "none" => ClientAccess.None,
        _ => throw ApiException.BadRequest($"Property 'access' must be \"full\" or \"none\", not \"{text}\"."),
    };

    private static ApiException NotFound(string clientId) =>
        ApiException.NotFound($"No client with id '{clientId}' is registered.");
}
