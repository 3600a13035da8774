using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace DsccPowerShell.Tests.Fakes
{
    /// <summary>
    /// A real HTTP/1.1 server on 127.0.0.1, optionally over TLS with a self-signed certificate, for the few tests
    /// that must run the engine's own HttpClientHandler (proxy and certificate settings) rather than
    /// <see cref="FakeDscc"/>. It serves a token endpoint at /token and answers 200 with an empty DSCC list on
    /// every other path. One request per connection ("Connection: close"). As a proxy it takes requests for any
    /// host in absolute form and answers them itself, 407 unless they carry the proxy credentials it was given.
    /// </summary>
    internal sealed class LoopbackServer : IDisposable
    {
        private readonly TcpListener _listener;
        private readonly X509Certificate2 _certificate;
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private readonly ConcurrentQueue<string> _requestLines = new ConcurrentQueue<string>();
        private readonly Task _acceptLoop;
        private readonly string _proxyAuthorization;
        private int _tlsFailures;

        public LoopbackServer(bool tls)
            : this(tls, proxyCredentials: null)
        {
        }

        private LoopbackServer(bool tls, NetworkCredential proxyCredentials)
        {
            _proxyAuthorization = proxyCredentials == null
                ? null
                : "Basic " + Convert.ToBase64String(
                    Encoding.UTF8.GetBytes(proxyCredentials.UserName + ":" + proxyCredentials.Password));
            _certificate = tls ? CreateSelfSignedCertificate() : null;
            _listener = new TcpListener(IPAddress.Loopback, 0);
            _listener.Start();
            int port = ((IPEndPoint)_listener.LocalEndpoint).Port;
            BaseUri = new Uri((tls ? "https" : "http") + "://127.0.0.1:" + port + "/");
            _acceptLoop = Task.Run(AcceptLoopAsync);
        }

        public Uri BaseUri { get; }

        /// <summary>Starts a plain-http forward proxy that demands Basic proxy authentication.</summary>
        public static LoopbackServer Proxy(NetworkCredential credentials) => new LoopbackServer(false, credentials);

        public Uri TokenUri => new Uri(BaseUri, "/token");

        /// <summary>Gets the request lines received ("GET /api/v1/... HTTP/1.1"), in order.</summary>
        public IReadOnlyList<string> RequestLines => _requestLines.ToArray();

        /// <summary>Gets how many TLS handshakes failed (e.g. because the client rejected the certificate).</summary>
        public int TlsFailures => Volatile.Read(ref _tlsFailures);

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
            try
            {
                _acceptLoop.Wait(TimeSpan.FromSeconds(2));
            }
            catch (AggregateException)
            {
                // Stopping the listener ends the loop with an exception; nothing to report.
            }

            _certificate?.Dispose();
            _stop.Dispose();
        }

        private static X509Certificate2 CreateSelfSignedCertificate()
        {
            using (RSA key = RSA.Create(2048))
            {
                var request = new CertificateRequest(
                    "CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
                var names = new SubjectAlternativeNameBuilder();
                names.AddIpAddress(IPAddress.Loopback);
                request.CertificateExtensions.Add(names.Build());
                using (X509Certificate2 created = request.CreateSelfSigned(
                    DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1)))
                {
                    // Reloaded from PFX so the private key is usable by SslStream on every platform.
                    return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), password: null);
                }
            }
        }

        private async Task AcceptLoopAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                TcpClient client;
                try
                {
                    client = await _listener.AcceptTcpClientAsync(_stop.Token);
                }
                catch (Exception ex) when (ex is OperationCanceledException || ex is SocketException ||
                                           ex is ObjectDisposedException)
                {
                    return;
                }

                _ = Task.Run(() => ServeAsync(client));
            }
        }

        private async Task ServeAsync(TcpClient client)
        {
            using (client)
            {
                Stream stream = client.GetStream();
                try
                {
                    if (_certificate != null)
                    {
                        var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
                        try
                        {
                            await ssl.AuthenticateAsServerAsync(_certificate);
                        }
                        catch (Exception ex)
                            when (ex is IOException || ex is System.Security.Authentication.AuthenticationException)
                        {
                            Interlocked.Increment(ref _tlsFailures);
                            ssl.Dispose();
                            return;
                        }

                        stream = ssl;
                    }

                    string head = await ReadHeadAsync(stream);
                    if (head == null)
                    {
                        return;
                    }

                    string[] lines = head.Split(new[] { "\r\n" }, StringSplitOptions.None);
                    _requestLines.Enqueue(lines[0]);
                    int length = 0;
                    foreach (string line in lines)
                    {
                        if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
                        {
                            length = int.Parse(line.Substring("Content-Length:".Length).Trim());
                        }
                    }

                    var body = new byte[length];
                    int read = 0;
                    while (read < length)
                    {
                        int n = await stream.ReadAsync(body, read, length - read);
                        if (n == 0)
                        {
                            break;
                        }

                        read += n;
                    }

                    string target = lines[0].Split(' ')[1];
                    if (_proxyAuthorization != null && !lines.Contains("Proxy-Authorization: " + _proxyAuthorization))
                    {
                        byte[] challenge = Encoding.ASCII.GetBytes(
                            "HTTP/1.1 407 Proxy Authentication Required\r\n" +
                            "Proxy-Authenticate: Basic realm=\"loopback\"\r\n" +
                            "Content-Length: 0\r\nConnection: close\r\n\r\n");
                        await stream.WriteAsync(challenge, 0, challenge.Length);
                        await stream.FlushAsync();
                        return;
                    }

                    // A proxy is sent the whole URI ("GET http://host/path HTTP/1.1"), a server only the path.
                    string path = Uri.TryCreate(target, UriKind.Absolute, out Uri absolute)
                        ? absolute.PathAndQuery
                        : target;
                    string json = path.StartsWith("/token", StringComparison.Ordinal)
                        ? "{\"access_token\":\"tok-loopback\",\"token_type\":\"Bearer\",\"expires_in\":7200}"
                        : "{\"items\":[],\"total\":0,\"pageLimit\":1,\"pageOffset\":0}";
                    byte[] payload = Encoding.UTF8.GetBytes(json);
                    string responseHead =
                        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + payload.Length +
                        "\r\nConnection: close\r\n\r\n";
                    byte[] headBytes = Encoding.ASCII.GetBytes(responseHead);
                    await stream.WriteAsync(headBytes, 0, headBytes.Length);
                    await stream.WriteAsync(payload, 0, payload.Length);
                    await stream.FlushAsync();
                }
                catch (IOException)
                {
                    // The client went away; nothing to answer.
                }
                finally
                {
                    stream.Dispose();
                }
            }
        }

        private static async Task<string> ReadHeadAsync(Stream stream)
        {
            var head = new StringBuilder();
            var one = new byte[1];
            while (head.Length < 16384)
            {
                int n = await stream.ReadAsync(one, 0, 1);
                if (n == 0)
                {
                    return null;
                }

                head.Append((char)one[0]);
                if (head.Length >= 4 && head.ToString(head.Length - 4, 4) == "\r\n\r\n")
                {
                    return head.ToString(0, head.Length - 4);
                }
            }

            return null;
        }
    }
}
