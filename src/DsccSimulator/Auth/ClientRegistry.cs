using System.Security.Cryptography;
using System.Text;
using DsccSimulator.Cli;

namespace DsccSimulator.Auth;

/// <summary>What an API client may do once it holds a token.</summary>
public enum ClientAccess
{
    /// <summary>Every API call is allowed.</summary>
    Full,

    /// <summary>Tokens are issued, but every <c>/api/v1</c> call answers 403: connected, but no permission.</summary>
    None,
}

/// <summary>One registered API client, as the registry and the state file hold it.</summary>
public sealed record RegisteredClient(string ClientId, string ClientSecret, ClientAccess Access);

/// <summary>
/// The API clients the token endpoint accepts: the demo client (<c>--client-id</c>/<c>--client-secret</c>), every
/// <c>--client id:secret</c>, and those added through <c>POST /_sim/clients</c>. GreenLake allows several API
/// clients per account, each with its own secret and its own RBAC, which is what the runtime controls model.
/// </summary>
public sealed class ClientRegistry
{
    private readonly object gate = new();

    private readonly Dictionary<string, RegisteredClient> clients = new(StringComparer.Ordinal);

    private long version;

    public ClientRegistry(SimulatorOptions options)
    {
        foreach (var client in CommandLineClients(options))
        {
            clients[client.ClientId] = client;
        }
    }

    /// <summary>Grows with every change; the state file saver compares it to know when to save.</summary>
    public long Version => Interlocked.Read(ref version);

    /// <summary>The clients the command line names, which always win over a state file's (see README).</summary>
    public static IEnumerable<RegisteredClient> CommandLineClients(SimulatorOptions options) =>
        options.Clients
            .Select(c => new RegisteredClient(c.ClientId, c.ClientSecret, ClientAccess.Full))
            .Prepend(new RegisteredClient(options.ClientId, options.ClientSecret, ClientAccess.Full));

    /// <summary>Constant-time secret check: the simulator is a model of good practice for the module, too.</summary>
    public bool IsValid(string clientId, string clientSecret)
    {
        if (clientId is null || clientSecret is null)
        {
            return false;
        }

        lock (gate)
        {
            return clients.TryGetValue(clientId, out var client)
                && CryptographicOperations.FixedTimeEquals(
                    Encoding.UTF8.GetBytes(clientSecret), Encoding.UTF8.GetBytes(client.ClientSecret));
        }
    }

    public RegisteredClient Find(string clientId)
    {
        lock (gate)
        {
            return clientId is not null && clients.TryGetValue(clientId, out var client) ? client : null;
        }
    }

    public IReadOnlyList<RegisteredClient> Snapshot()
    {
        lock (gate)
        {
            return [.. clients.Values.OrderBy(c => c.ClientId, StringComparer.Ordinal)];
        }
    }

    /// <summary>Adds a client; false when the id is taken (the caller answers 409).</summary>
    public bool TryAdd(RegisteredClient client)
    {
        lock (gate)
        {
            if (!clients.TryAdd(client.ClientId, client))
            {
                return false;
            }

            version++;
            return true;
        }
    }

    /// <summary>Replaces the secret; tokens already issued stay valid until they expire, as with real OAuth.</summary>
    public bool TryRotateSecret(string clientId, string newSecret)
    {
        lock (gate)
        {
            if (!clients.TryGetValue(clientId, out var client))
            {
                return false;
            }

            clients[clientId] = client with { ClientSecret = newSecret };
            version++;
            return true;
        }
    }

    public bool TryRemove(string clientId)
    {
        lock (gate)
        {
            if (!clients.Remove(clientId))
            {
                return false;
            }

            version++;
            return true;
        }
    }

    /// <summary>
    /// Puts back the clients of a state file. Command-line clients keep their command-line secret and access, so
    /// an admin can always reach a restarted simulator with the credentials on its command line.
    /// </summary>
    public void Restore(IEnumerable<RegisteredClient> saved, SimulatorOptions options)
    {
        var fromCommandLine = CommandLineClients(options).Select(c => c.ClientId).ToHashSet(StringComparer.Ordinal);
        lock (gate)
        {
            foreach (var client in saved.Where(c => !fromCommandLine.Contains(c.ClientId)))
            {
                clients[client.ClientId] = client;
            }
        }
    }
}
