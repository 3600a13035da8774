using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;

namespace DsccPowerShell.Engine.Http
{
    /// <summary>What came back from one HTTP exchange, read whole.</summary>
    internal sealed class RawResponse
    {
        public RawResponse(HttpStatusCode statusCode, string reasonPhrase, string mediaType, string body)
        {
            StatusCode = statusCode;
            ReasonPhrase = reasonPhrase;
            MediaType = mediaType;
            Body = body;
        }

        public HttpStatusCode StatusCode { get; }

        public string ReasonPhrase { get; }

        public string MediaType { get; }

        public string Body { get; }

        public bool IsSuccess => (int)StatusCode >= 200 && (int)StatusCode < 300;
    }

    /// <summary>
    /// Sends one request and reads the whole answer within a time limit, turning the ways an exchange can fail
    /// into the engine's exceptions. One transport per session: its HttpClient comes from
    /// Microsoft.Extensions.Http, which owns handler pooling and rotation.
    /// </summary>
    internal sealed class DsccTransport : IDisposable
    {
        private const string ClientName = "DsccPowerShell";

        private readonly ServiceProvider _services;
        private readonly IHttpClientFactory _factory;

        public DsccTransport(Func<HttpMessageHandler> primaryHandlerFactory = null)
        {
            var services = new ServiceCollection();
            IHttpClientBuilder builder = services.AddHttpClient(ClientName, client =>
            {
                // Each request gets its own time limit; HttpClient's fixed 100-second default must not apply.
                client.Timeout = System.Threading.Timeout.InfiniteTimeSpan;
                client.DefaultRequestHeaders.UserAgent.ParseAdd(UserAgent);
            });

            if (primaryHandlerFactory != null)
            {
                // A handler supplied by the caller is reused as it is, so the factory must never rotate it away.
                builder.ConfigurePrimaryHttpMessageHandler(primaryHandlerFactory);
                builder.SetHandlerLifetime(System.Threading.Timeout.InfiniteTimeSpan);
            }
            else
            {
                builder.ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler
                {
                    AllowAutoRedirect = false,
                    AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
                    UseProxy = true,
                });
            }

            _services = services.BuildServiceProvider();
            _factory = _services.GetRequiredService<IHttpClientFactory>();
        }

        public static string UserAgent { get; } =
            "DsccPowerShell/" + typeof(DsccTransport).Assembly.GetName().Version.ToString(3);

        /// <summary>
        /// Sends the request built by <paramref name="buildRequest"/> and reads the body. Throws
        /// <see cref="OperationCanceledException"/> only when the caller cancelled.
        /// </summary>
        public RawResponse Send(
            Func<HttpRequestMessage> buildRequest,
            TimeSpan timeout,
            DsccCallContext context,
            string requestBodyForDebug)
        {
            using (HttpRequestMessage request = buildRequest())
            using (var timeLimit = CancellationTokenSource.CreateLinkedTokenSource(context.Cancellation))
            {
                timeLimit.CancelAfter(timeout);
                Uri uri = request.RequestUri;
                string method = request.Method.Method;
                WriteDebugRequest(context, method, uri, requestBodyForDebug);

                var stopwatch = Stopwatch.StartNew();
                try
                {
                    RawResponse response = SendAsync(request, timeLimit.Token).GetAwaiter().GetResult();
                    context.Verbose(string.Format(
                        CultureInfo.CurrentCulture,
                        "{0} {1} -> {2} {3} ({4} ms)",
                        method,
                        uri.GetLeftPart(UriPartial.Path),
                        (int)response.StatusCode,
                        response.ReasonPhrase,
                        stopwatch.ElapsedMilliseconds));
                    return response;
                }
                catch (OperationCanceledException) when (context.Cancellation.IsCancellationRequested)
                {
                    throw;
                }
                catch (OperationCanceledException)
                {
                    throw new DsccTimeoutException(
                        string.Format(
                            CultureInfo.CurrentCulture,
                            "{0} {1} did not complete within {2} seconds.",
                            method,
                            uri.GetLeftPart(UriPartial.Path),
                            timeout.TotalSeconds),
                        uri);
                }
                catch (HttpRequestException ex)
                {
                    throw new DsccConnectionException(
                        string.Format(
                            CultureInfo.CurrentCulture,
                            "Could not reach {0}: {1}",
                            uri.GetLeftPart(UriPartial.Authority),
                            InnermostMessage(ex)),
                        uri,
                        ex);
                }
                catch (IOException ex)
                {
                    throw new DsccConnectionException(
                        string.Format(
                            CultureInfo.CurrentCulture,
                            "The connection to {0} failed: {1}",
                            uri.GetLeftPart(UriPartial.Authority),
                            InnermostMessage(ex)),
                        uri,
                        ex);
                }
            }
        }

        public void Dispose() => _services.Dispose();

        private async Task<RawResponse> SendAsync(HttpRequestMessage request, CancellationToken cancellation)
        {
            HttpClient client = _factory.CreateClient(ClientName);
            using (HttpResponseMessage response = await client
                .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellation)
                .ConfigureAwait(false))
            using (cancellation.Register(response.Dispose))
            {
                // ReadAsStringAsync takes no token on netstandard2.0; copying the stream with one makes a
                // stalled body obey the time limit and Ctrl+C.
                var buffer = new MemoryStream();
                using (Stream body = await response.Content.ReadAsStreamAsync().ConfigureAwait(false))
                {
                    await body.CopyToAsync(buffer, 81920, cancellation).ConfigureAwait(false);
                }

                cancellation.ThrowIfCancellationRequested();
                Encoding encoding = GetEncoding(response.Content.Headers.ContentType?.CharSet);
                string text = encoding.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
                return new RawResponse(
                    response.StatusCode,
                    response.ReasonPhrase,
                    response.Content.Headers.ContentType?.MediaType,
                    text);
            }
        }

        private static Encoding GetEncoding(string charSet)
        {
            if (string.IsNullOrEmpty(charSet))
            {
                return Encoding.UTF8;
            }

            try
            {
                return Encoding.GetEncoding(charSet.Trim('"'));
            }
            catch (ArgumentException)
            {
                return Encoding.UTF8;
            }
        }

        private static void WriteDebugRequest(DsccCallContext context, string method, Uri uri, string body)
        {
            if (!context.WantsDebug)
            {
                return;
            }

            context.Debug(string.Format(CultureInfo.InvariantCulture, "{0} {1}", method, uri.AbsoluteUri));
            if (body != null)
            {
                context.Debug("Body: " + body);
            }
        }

        private static string InnermostMessage(Exception ex)
        {
            while (ex.InnerException != null)
            {
                ex = ex.InnerException;
            }

            return ex.Message;
        }
    }
}
