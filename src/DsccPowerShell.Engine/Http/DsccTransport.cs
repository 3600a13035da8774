using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Runtime.ExceptionServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Polly;
using Polly.Retry;

namespace DsccPowerShell.Engine.Http
{
    /// <summary>What came back from one HTTP exchange, read whole.</summary>
    internal sealed class RawResponse
    {
        public RawResponse(
            HttpStatusCode statusCode,
            string reasonPhrase,
            string mediaType,
            string body,
            TimeSpan? retryAfter)
        {
            StatusCode = statusCode;
            ReasonPhrase = reasonPhrase;
            MediaType = mediaType;
            Body = body;
            RetryAfter = retryAfter;
        }

        public HttpStatusCode StatusCode { get; }

        public string ReasonPhrase { get; }

        public string MediaType { get; }

        public string Body { get; }

        /// <summary>Gets how long the server asked us to wait (Retry-After or a ratelimit-reset header).</summary>
        public TimeSpan? RetryAfter { get; }

        public bool IsSuccess => (int)StatusCode >= 200 && (int)StatusCode < 300;
    }

    /// <summary>How one request may be handled.</summary>
    internal sealed class DsccRequestKind
    {
        /// <summary>A read, or a write that gives the same result when repeated (PUT, DELETE).</summary>
        public static readonly DsccRequestKind Repeatable = new DsccRequestKind(repeatable: true, token: false);

        /// <summary>
        /// A write that must never run twice (POST create): retried only when provably not processed.
        /// </summary>
        public static readonly DsccRequestKind NotRepeatable = new DsccRequestKind(repeatable: false, token: false);

        /// <summary>
        /// A token request: repeatable (a second token merely replaces the first). Its request body is shown in
        /// -Debug only as the redacted text the caller passes, and its response body never.
        /// </summary>
        public static readonly DsccRequestKind TokenRequest = new DsccRequestKind(repeatable: true, token: true);

        private DsccRequestKind(bool repeatable, bool token)
        {
            IsRepeatable = repeatable;
            IsTokenRequest = token;
        }

        public bool IsRepeatable { get; }

        public bool IsTokenRequest { get; }
    }

    /// <summary>
    /// Sends requests and reads whole answers within a time limit, retrying transient failures through a Polly
    /// pipeline, and turns the ways an exchange can fail into the engine's exceptions. One transport per session:
    /// its HttpClient comes from Microsoft.Extensions.Http, which owns handler pooling and rotation.
    /// </summary>
    internal sealed class DsccTransport : IDisposable
    {
        /// <summary>Told to the user when a write failed in a way that leaves its outcome unknown.</summary>
        internal const string UnknownOutcomeHint =
            "DSCC may have processed the request anyway, so it was not sent again: check (for example with a " +
            "Get- cmdlet) before repeating it.";

        private const string ClientName = "DsccPowerShell";

        private readonly ServiceProvider _services;
        private readonly IHttpClientFactory _factory;
        private readonly DsccRetrySettings _retry;
        private readonly Uri _proxy;

        public DsccTransport(DsccTransportOptions options)
        {
            _retry = options.Retry.Clone();
            _proxy = options.Proxy;
            Statistics = new DsccSessionStatistics();

            var services = new ServiceCollection();
            IHttpClientBuilder builder = services.AddHttpClient(ClientName, client =>
            {
                // Each request gets its own time limit; HttpClient's fixed 100-second default must not apply.
                client.Timeout = System.Threading.Timeout.InfiniteTimeSpan;
                client.DefaultRequestHeaders.UserAgent.ParseAdd(UserAgent);
            });

            if (options.HandlerFactory != null)
            {
                // A handler supplied by a test is reused as it is, so the factory must never rotate it away.
                builder.ConfigurePrimaryHttpMessageHandler(options.HandlerFactory);
                builder.SetHandlerLifetime(System.Threading.Timeout.InfiniteTimeSpan);
            }
            else
            {
                builder.ConfigurePrimaryHttpMessageHandler(() => CreateHandler(options));
            }

            _services = services.BuildServiceProvider();
            _factory = _services.GetRequiredService<IHttpClientFactory>();
        }

        public static string UserAgent { get; } =
            "DsccPowerShell/" + typeof(DsccTransport).Assembly.GetName().Version.ToString(3);

        public DsccSessionStatistics Statistics { get; }

        /// <summary>
        /// Sends the request built by <paramref name="buildRequest"/> (built anew for each attempt) and reads the
        /// answer. Transient failures are retried as <paramref name="kind"/> allows; the last answer is returned
        /// whatever its status. Throws <see cref="OperationCanceledException"/> only when the caller cancelled.
        /// </summary>
        public RawResponse Send(
            Func<HttpRequestMessage> buildRequest,
            TimeSpan timeout,
            DsccCallContext context,
            DsccRequestKind kind,
            string requestBody)
        {
            var attempt = new AttemptState(this, buildRequest, timeout, context, kind, requestBody);
            ResiliencePipeline<RawResponse> pipeline = BuildPipeline(attempt);
            ResilienceContext resilience = ResilienceContextPool.Shared.Get(context.Cancellation);
            try
            {
                // The synchronous pipeline keeps retries, their waits and their Verbose lines on the caller's
                // thread, where PowerShell requires every Write call to happen.
                return pipeline.Execute(static (_, state) => state.SendOnce(), resilience, attempt);
            }
            catch (RequestNotBuiltException notBuilt)
            {
                ExceptionDispatchInfo.Capture(notBuilt.InnerException).Throw();
                throw;
            }
            catch (RetryBudgetSpentException spent)
            {
                if (spent.LastOutcome.Exception != null)
                {
                    ExceptionDispatchInfo.Capture(spent.LastOutcome.Exception).Throw();
                }

                return spent.LastOutcome.Result;
            }
            finally
            {
                ResilienceContextPool.Shared.Return(resilience);
            }
        }

        public void Dispose() => _services.Dispose();

        private static HttpMessageHandler CreateHandler(DsccTransportOptions options)
        {
            var handler = new HttpClientHandler
            {
                AllowAutoRedirect = false,
                AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
                UseProxy = true,
            };

            if (options.Proxy != null)
            {
                // WebProxy.UseDefaultCredentials replaces Credentials whatever it is set to, so only one is set.
                var proxy = new WebProxy(options.Proxy);
                if (options.ProxyCredentials != null)
                {
                    proxy.Credentials = options.ProxyCredentials;
                }
                else
                {
                    proxy.UseDefaultCredentials = options.ProxyUseDefaultCredentials;
                }

                handler.Proxy = proxy;
            }
            else if (options.ProxyUseDefaultCredentials)
            {
                handler.DefaultProxyCredentials = CredentialCache.DefaultCredentials;
            }

            if (options.SkipCertificateCheck)
            {
                // Per handler, so per session: the process-wide ServicePointManager callback is never touched.
                handler.ServerCertificateCustomValidationCallback = (message, certificate, chain, errors) => true;
            }

            return handler;
        }

        private ResiliencePipeline<RawResponse> BuildPipeline(AttemptState attempt)
        {
            if (_retry.MaxAttempts <= 1)
            {
                return ResiliencePipeline<RawResponse>.Empty;
            }

            TimeSpan waited = TimeSpan.Zero;
            return new ResiliencePipelineBuilder<RawResponse>()
                .AddRetry(new RetryStrategyOptions<RawResponse>
                {
                    MaxRetryAttempts = _retry.MaxAttempts - 1,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = _retry.BaseDelay,
                    MaxDelay = _retry.MaxDelay,
                    ShouldHandle = args => new ValueTask<bool>(
                        TransientFailure.ShouldRetry(args.Outcome, attempt.Kind, attempt.Context.Cancellation)),
                    DelayGenerator = args => new ValueTask<TimeSpan?>(ServerRequestedDelay(args.Outcome)),
                    OnRetry = args =>
                    {
                        waited += args.RetryDelay;
                        if (waited > _retry.MaxTotalWait)
                        {
                            throw new RetryBudgetSpentException(args.Outcome);
                        }

                        Statistics.CountRetry();
                        attempt.Context.Verbose(string.Format(
                            CultureInfo.CurrentCulture,
                            "{0}; waiting {1:0.0} s before attempt {2} of {3}.",
                            TransientFailure.Describe(args.Outcome, attempt.Method, attempt.Path),
                            args.RetryDelay.TotalSeconds,
                            args.AttemptNumber + 2,
                            _retry.MaxAttempts));
                        return default;
                    },
                })
                .Build();
        }

        /// <summary>
        /// The wait DSCC asked for, in full: asking again sooner only meets the same refusal. The session's total
        /// wait still bounds it; a wait beyond what is left of that ends the call at once.
        /// </summary>
        private static TimeSpan? ServerRequestedDelay(Outcome<RawResponse> outcome) => outcome.Result?.RetryAfter;

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
                    text,
                    RetryHeaders.Read(response, DateTimeOffset.UtcNow));
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

        private static string InnermostMessage(Exception ex)
        {
            while (ex.InnerException != null)
            {
                ex = ex.InnerException;
            }

            return ex.Message;
        }

        /// <summary>Everything one call's attempts share, so the pipeline's callbacks need no closures.</summary>
        private sealed class AttemptState
        {
            private readonly DsccTransport _transport;
            private readonly Func<HttpRequestMessage> _buildRequest;
            private readonly TimeSpan _timeout;
            private readonly string _requestBody;
            private int _attemptNumber;

            public AttemptState(
                DsccTransport transport,
                Func<HttpRequestMessage> buildRequest,
                TimeSpan timeout,
                DsccCallContext context,
                DsccRequestKind kind,
                string requestBody)
            {
                _transport = transport;
                _buildRequest = buildRequest;
                _timeout = timeout;
                Context = context;
                Kind = kind;
                _requestBody = requestBody;
            }

            public DsccCallContext Context { get; }

            public DsccRequestKind Kind { get; }

            public string Method { get; private set; }

            public string Path { get; private set; }

            public RawResponse SendOnce()
            {
                HttpRequestMessage built;
                try
                {
                    built = _buildRequest();
                }
                catch (Exception ex) when (!(ex is OperationCanceledException))
                {
                    // Building may fetch a token, which has retries of its own; wrapped, this pipeline skips it.
                    throw new RequestNotBuiltException(ex);
                }

                _attemptNumber++;
                _transport.Statistics.CountRequest();
                using (HttpRequestMessage request = built)
                using (var timeLimit = CancellationTokenSource.CreateLinkedTokenSource(Context.Cancellation))
                {
                    timeLimit.CancelAfter(_timeout);
                    Uri uri = request.RequestUri;
                    Method = request.Method.Method;
                    Path = uri.GetLeftPart(UriPartial.Path);
                    WriteDebugRequest(uri);

                    var stopwatch = Stopwatch.StartNew();
                    try
                    {
                        RawResponse response =
                            _transport.SendAsync(request, timeLimit.Token).GetAwaiter().GetResult();
                        Context.Verbose(string.Format(
                            CultureInfo.CurrentCulture,
                            "{0} {1} -> {2} {3} in {4} ms (attempt {5})",
                            Method,
                            Path,
                            (int)response.StatusCode,
                            response.ReasonPhrase,
                            stopwatch.ElapsedMilliseconds,
                            _attemptNumber));
                        WriteDebugResponse(response);
                        return response;
                    }
                    catch (OperationCanceledException) when (Context.Cancellation.IsCancellationRequested)
                    {
                        throw;
                    }
                    catch (OperationCanceledException)
                    {
                        string message = string.Format(
                            CultureInfo.CurrentCulture,
                            "{0} {1} did not complete within {2} seconds.",
                            Method,
                            Path,
                            _timeout.TotalSeconds);
                        if (!Kind.IsRepeatable)
                        {
                            message += " " + UnknownOutcomeHint;
                        }

                        throw new DsccTimeoutException(message, Method, uri);
                    }
                    catch (Exception ex) when (ex is HttpRequestException || ex is IOException)
                    {
                        // With a session proxy the connection that failed may well be the one to the proxy.
                        string message = string.Format(
                            CultureInfo.CurrentCulture,
                            "{0} {1} failed: the connection to {2}{3} broke or could not be made ({4}).",
                            Method,
                            Path,
                            uri.GetLeftPart(UriPartial.Authority),
                            _transport._proxy == null
                                ? string.Empty
                                : " through the proxy " + DsccRedaction.ForDisplay(_transport._proxy),
                            InnermostMessage(ex));
                        if (!Kind.IsRepeatable)
                        {
                            message += " " + UnknownOutcomeHint;
                        }

                        throw new DsccConnectionException(message, Method, uri, ex);
                    }
                }
            }

            private void WriteDebugRequest(Uri uri)
            {
                if (!Context.WantsDebug)
                {
                    return;
                }

                Context.Debug(string.Format(CultureInfo.InvariantCulture, "{0} {1}", Method, uri.AbsoluteUri));
                if (_requestBody != null)
                {
                    string shown = Kind.IsTokenRequest ? _requestBody : DsccRedaction.ForDisplay(_requestBody);
                    Context.Debug("Request body: " + shown);
                }
            }

            private void WriteDebugResponse(RawResponse response)
            {
                if (Context.WantsDebug)
                {
                    string shown = Kind.IsTokenRequest ? "***" : DsccRedaction.ForDisplay(response.Body);
                    Context.Debug("Response body: " + shown);
                }
            }
        }

        /// <summary>Carries a failure to build an attempt's request past the retry pipeline, unretried.</summary>
        private sealed class RequestNotBuiltException : Exception
        {
            public RequestNotBuiltException(Exception inner)
                : base(inner.Message, inner)
            {
            }
        }

        /// <summary>Raised from the retry callback when the next wait would overrun the session's budget.</summary>
        private sealed class RetryBudgetSpentException : Exception
        {
            public RetryBudgetSpentException(Outcome<RawResponse> lastOutcome)
            {
                LastOutcome = lastOutcome;
            }

            public Outcome<RawResponse> LastOutcome { get; }
        }
    }
}
