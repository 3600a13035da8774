using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;

namespace DsccPowerShell.Tests.Fakes
{
    /// <summary>One request as the fake saw it at send time.</summary>
    internal sealed class RecordedRequest
    {
        public RecordedRequest(
            int sequence,
            HttpMethod method,
            Uri uri,
            IReadOnlyDictionary<string, string> headers,
            string body)
        {
            Sequence = sequence;
            Method = method;
            Uri = uri;
            Headers = headers;
            Body = body;
        }

        /// <summary>Gets the request's position among all requests the fake received, from 1.</summary>
        public int Sequence { get; }

        public HttpMethod Method { get; }

        /// <summary>Gets the full URI, query included.</summary>
        public Uri Uri { get; }

        /// <summary>
        /// Gets request and content headers by name (case-insensitive), multiple values joined with ", ".
        /// </summary>
        public IReadOnlyDictionary<string, string> Headers { get; }

        /// <summary>Gets the body text read when the request was sent, or null when it had no content.</summary>
        public string Body { get; }

        public string Path => Uri.AbsolutePath;

        public string Authorization => Header("Authorization");

        public string ContentType => Header("Content-Type");

        /// <summary>Gets whether the request went to the fake token endpoint.</summary>
        public bool IsTokenRequest => Uri.Host == FakeDscc.TokenUri.Host;

        /// <summary>Gets whether the request went to the fake DSCC API host.</summary>
        public bool IsApiRequest => Uri.Host == FakeDscc.BaseUri.Host;

        /// <summary>Gets the bearer token the request carried, or null.</summary>
        public string BearerToken
        {
            get
            {
                string value = Authorization;
                const string Prefix = "Bearer ";
                return value != null && value.StartsWith(Prefix, StringComparison.Ordinal)
                    ? value.Substring(Prefix.Length)
                    : null;
            }
        }

        public string Header(string name) => Headers.TryGetValue(name, out string value) ? value : null;

        /// <summary>Gets a query parameter, URL-decoded; null when absent.</summary>
        public string Query(string name) => FakeDscc.ParseForm(Uri.Query.TrimStart('?'))
            .Where(p => p.Key == name)
            .Select(p => p.Value)
            .FirstOrDefault();

        public JToken JsonBody => Body == null ? null : JToken.Parse(Body);

        /// <summary>
        /// Gets the status the fake answered with, or null while it is answering and when it answered with an
        /// exception (a dropped connection) or the request was cancelled.
        /// </summary>
        public HttpStatusCode? AnsweredStatus { get; internal set; }

        public override string ToString() => Method + " " + Uri;
    }

    /// <summary>A scripted answer. Built with the static helpers; the fake turns it into a response.</summary>
    internal sealed class FakeAnswer
    {
        private readonly Func<CancellationToken, Task<HttpResponseMessage>> _respond;

        private FakeAnswer(Func<CancellationToken, Task<HttpResponseMessage>> respond)
        {
            _respond = respond;
        }

        public static FakeAnswer Json(HttpStatusCode status, JToken body) =>
            Text(status, body.ToString(Newtonsoft.Json.Formatting.None), "application/json");

        public static FakeAnswer Json(HttpStatusCode status, string rawJson) =>
            Text(status, rawJson, "application/json");

        public static FakeAnswer Ok(JToken body) => Json(HttpStatusCode.OK, body);

        /// <summary>A DSCC ErrorResponse body: error, errorCode and traceId.</summary>
        public static FakeAnswer DsccError(HttpStatusCode status, string error, string errorCode, string traceId) =>
            Json(status, new JObject { ["error"] = error, ["errorCode"] = errorCode, ["traceId"] = traceId });

        public static FakeAnswer Html(HttpStatusCode status, string html) => Text(status, html, "text/html");

        /// <summary>A response with no body at all.</summary>
        public static FakeAnswer Empty(HttpStatusCode status) =>
            new FakeAnswer(_ => Task.FromResult(new HttpResponseMessage(status)
            {
                Content = new ByteArrayContent(Array.Empty<byte>()),
            }));

        public static FakeAnswer Text(HttpStatusCode status, string text, string mediaType) =>
            new FakeAnswer(_ => Task.FromResult(new HttpResponseMessage(status)
            {
                Content = new StringContent(text, Encoding.UTF8, mediaType),
            }));

        /// <summary>Never answers; ends only when the request is cancelled.</summary>
        public static FakeAnswer Hang() =>
            new FakeAnswer(async cancellation =>
            {
                await Task.Delay(Timeout.Infinite, cancellation);
                throw new InvalidOperationException("unreachable");
            });

        /// <summary>Sends 200 headers at once, then a body that never ends until the request is cancelled.</summary>
        public static FakeAnswer StallBody() =>
            new FakeAnswer(_ =>
            {
                var content = new StreamContent(new StallingStream());
                content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
                return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content });
            });

        /// <summary>
        /// A connection that breaks before any answer arrives: the handler throws HttpRequestException, as
        /// HttpClient does when the server resets the connection.
        /// </summary>
        public static FakeAnswer Drop(string message = "Connection reset by peer (fake)") =>
            new FakeAnswer(_ => Task.FromException<HttpResponseMessage>(
                new HttpRequestException(message, new IOException(message))));

        /// <summary>Sends 200 headers, then the connection breaks while the body is read (IOException).</summary>
        public static FakeAnswer DropMidBody() =>
            new FakeAnswer(_ =>
            {
                var content = new StreamContent(new BreakingStream());
                content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
                return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content });
            });

        /// <summary>
        /// The same answer with one more response header (added without validation, as a server may).
        /// </summary>
        public FakeAnswer WithHeader(string name, string value) =>
            new FakeAnswer(async cancellation =>
            {
                HttpResponseMessage response = await _respond(cancellation);
                if (!response.Headers.TryAddWithoutValidation(name, value))
                {
                    throw new InvalidOperationException("cannot add header " + name);
                }

                return response;
            });

        /// <summary>Answers after <paramref name="delay"/>, or throws when the request is cancelled first.</summary>
        public FakeAnswer After(TimeSpan delay) =>
            new FakeAnswer(async cancellation =>
            {
                await Task.Delay(delay, cancellation);
                return await _respond(cancellation);
            });

        internal Task<HttpResponseMessage> Respond(CancellationToken cancellation) => _respond(cancellation);

        private sealed class BreakingStream : Stream
        {
            public override bool CanRead => true;

            public override bool CanSeek => false;

            public override bool CanWrite => false;

            public override long Length => throw new NotSupportedException();

            public override long Position
            {
                get => throw new NotSupportedException();
                set => throw new NotSupportedException();
            }

            public override void Flush()
            {
            }

            public override int Read(byte[] buffer, int offset, int count) =>
                throw new IOException("Connection reset while reading the body (fake)");

            public override Task<int> ReadAsync(
                byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
                Task.FromException<int>(new IOException("Connection reset while reading the body (fake)"));

            public override ValueTask<int> ReadAsync(
                Memory<byte> buffer, CancellationToken cancellationToken = default) =>
                ValueTask.FromException<int>(new IOException("Connection reset while reading the body (fake)"));

            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

            public override void SetLength(long value) => throw new NotSupportedException();

            public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        }

        private sealed class StallingStream : Stream
        {
            public override bool CanRead => true;

            public override bool CanSeek => false;

            public override bool CanWrite => false;

            public override long Length => throw new NotSupportedException();

            public override long Position
            {
                get => throw new NotSupportedException();
                set => throw new NotSupportedException();
            }

            public override void Flush()
            {
            }

            public override int Read(byte[] buffer, int offset, int count) =>
                throw new NotSupportedException("the engine must read asynchronously with a token");

            public override async Task<int> ReadAsync(
                byte[] buffer, int offset, int count, CancellationToken cancellationToken)
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
                return 0;
            }

            public override async ValueTask<int> ReadAsync(
                Memory<byte> buffer, CancellationToken cancellationToken = default)
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
                return 0;
            }

            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

            public override void SetLength(long value) => throw new NotSupportedException();

            public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        }
    }

    /// <summary>
    /// A scripted DSCC and token service in one HttpMessageHandler. It records every request (method, full URI,
    /// headers, body read at send time) and answers from routes keyed by method and path; the route added last
    /// wins. Unrouted requests get a 404 and are listed in <see cref="Unrouted"/> so a test can fail on them.
    /// </summary>
    internal sealed class FakeDscc : HttpMessageHandler
    {
        public static readonly Uri BaseUri = new Uri("https://dscc.mock.test");
        public static readonly Uri TokenUri = new Uri("https://sso.mock.test/as/token.oauth2");

        private readonly object _gate = new object();
        private readonly List<RecordedRequest> _requests = new List<RecordedRequest>();
        private readonly List<RouteEntry> _routes = new List<RouteEntry>();
        private readonly List<RecordedRequest> _unrouted = new List<RecordedRequest>();
        private readonly List<string> _issuedTokens = new List<string>();
        private int _cancelledRequests;

        public FakeDscc()
        {
            TokenBody = n => new JObject
            {
                ["access_token"] = "tok-" + n,
                ["token_type"] = "Bearer",
                ["expires_in"] = 7200,
            };
            Route(HttpMethod.Post, TokenUri.AbsolutePath, AnswerTokenRequest, TokenUri.Host);
        }

        /// <summary>
        /// Gets or sets the token response for the n-th token request (from 1). Default: tok-n, 7200 s.
        /// </summary>
        public Func<int, JObject> TokenBody { get; set; }

        /// <summary>
        /// Gets or sets whether API routes answer 401 to any bearer but the last one issued, as DSCC does when a
        /// new token for the same client invalidates the old one.
        /// </summary>
        public bool OnlyLatestTokenIsValid { get; set; }

        /// <summary>
        /// Gets or sets code run for every request on the handler's thread after it is recorded and before it is
        /// answered (before the <see cref="OnlyLatestTokenIsValid"/> check), e.g. a barrier that holds requests.
        /// </summary>
        public Action<RecordedRequest> RequestHook { get; set; }

        public IReadOnlyList<RecordedRequest> Requests
        {
            get
            {
                lock (_gate)
                {
                    return _requests.ToArray();
                }
            }
        }

        public IReadOnlyList<RecordedRequest> TokenRequests => Requests.Where(r => r.IsTokenRequest).ToArray();

        public IReadOnlyList<RecordedRequest> ApiRequests => Requests.Where(r => r.IsApiRequest).ToArray();

        public IReadOnlyList<RecordedRequest> Unrouted
        {
            get
            {
                lock (_gate)
                {
                    return _unrouted.ToArray();
                }
            }
        }

        public IReadOnlyList<string> IssuedTokens
        {
            get
            {
                lock (_gate)
                {
                    return _issuedTokens.ToArray();
                }
            }
        }

        /// <summary>Gets how many requests saw their cancellation token fire while the fake was answering.</summary>
        public int CancelledRequests => Volatile.Read(ref _cancelledRequests);

        /// <summary>Adds a route on the API host (or <paramref name="host"/>) for an exact path.</summary>
        public FakeDscc Route(
            HttpMethod method,
            string path,
            Func<RecordedRequest, FakeAnswer> answer,
            string host = null)
        {
            lock (_gate)
            {
                _routes.Add(new RouteEntry(method, host ?? BaseUri.Host, path, answer));
            }

            return this;
        }

        /// <summary>
        /// Answers the first token requests with <paramref name="answers"/> in order (a 429, say); later ones get
        /// a token as usual. Only requests answered with a token count towards <see cref="TokenBody"/>'s n.
        /// </summary>
        public FakeDscc TokenAnswersFirst(params FakeAnswer[] answers)
        {
            int next = 0;
            return Route(
                HttpMethod.Post,
                TokenUri.AbsolutePath,
                request =>
                {
                    int index = Interlocked.Increment(ref next) - 1;
                    return index < answers.Length ? answers[index] : AnswerTokenRequest(request);
                },
                TokenUri.Host);
        }

        /// <summary>Always gives the same answer.</summary>
        public FakeDscc Route(HttpMethod method, string path, FakeAnswer answer) => Route(method, path, _ => answer);

        /// <summary>Gives the answers in order; the last one repeats.</summary>
        public FakeDscc Sequence(HttpMethod method, string path, params FakeAnswer[] answers)
        {
            int next = 0;
            return Route(method, path, _ =>
            {
                int index = Interlocked.Increment(ref next) - 1;
                return answers[Math.Min(index, answers.Length - 1)];
            });
        }

        /// <summary>
        /// Serves a DSCC v1 list of <paramref name="count"/> items at <paramref name="path"/>. A page holds
        /// min(limit, <paramref name="serverPageSize"/>) items from offset, and states <c>total</c> (by default the
        /// real count, or <paramref name="reportedTotal"/>), <c>pageLimit</c> and <c>pageOffset</c>.
        /// </summary>
        public FakeDscc List(
            string path,
            int count,
            int serverPageSize,
            Func<int, JObject> item = null,
            long? reportedTotal = null)
        {
            Func<int, JObject> makeItem = item ?? (i => new JObject { ["id"] = ItemId(i), ["name"] = "item " + i });
            return Route(HttpMethod.Get, path, request =>
            {
                int offset = int.Parse(
                    request.Query("offset") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
                int limit = int.Parse(
                    request.Query("limit") ?? "100", System.Globalization.CultureInfo.InvariantCulture);
                int pageSize = Math.Min(limit, serverPageSize);
                var items = new JArray();
                for (int i = offset; i < count && i < offset + pageSize; i++)
                {
                    items.Add(makeItem(i));
                }

                return FakeAnswer.Ok(new JObject
                {
                    ["items"] = items,
                    ["total"] = reportedTotal ?? count,
                    ["pageLimit"] = pageSize,
                    ["pageOffset"] = offset,
                });
            });
        }

        /// <summary>Serves GET /api/v1/tasks/{id}: the given task states in order, the last one repeating.</summary>
        public FakeDscc TaskStates(string taskId, params JObject[] states)
        {
            foreach (JObject state in states)
            {
                state["id"] = taskId;
            }

            return Sequence(
                HttpMethod.Get,
                "/api/v1/tasks/" + taskId,
                states.Select(s => FakeAnswer.Ok(s)).ToArray());
        }

        public static string ItemId(int index) =>
            "id-" + index.ToString("D5", System.Globalization.CultureInfo.InvariantCulture);

        /// <summary>Parses application/x-www-form-urlencoded text into ordered, decoded pairs.</summary>
        public static List<KeyValuePair<string, string>> ParseForm(string text)
        {
            var pairs = new List<KeyValuePair<string, string>>();
            if (string.IsNullOrEmpty(text))
            {
                return pairs;
            }

            foreach (string part in text.Split('&'))
            {
                int equals = part.IndexOf('=');
                string key = equals < 0 ? part : part.Substring(0, equals);
                string value = equals < 0 ? string.Empty : part.Substring(equals + 1);
                pairs.Add(new KeyValuePair<string, string>(Decode(key), Decode(value)));
            }

            return pairs;
        }

        protected override async Task<HttpResponseMessage> SendAsync(
            HttpRequestMessage request,
            CancellationToken cancellationToken)
        {
            string body = request.Content == null
                ? null
                : await request.Content.ReadAsStringAsync(cancellationToken);
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (KeyValuePair<string, IEnumerable<string>> header in request.Headers)
            {
                headers[header.Key] = string.Join(", ", header.Value);
            }

            if (request.Content != null)
            {
                foreach (KeyValuePair<string, IEnumerable<string>> header in request.Content.Headers)
                {
                    headers[header.Key] = string.Join(", ", header.Value);
                }
            }

            RecordedRequest recorded;
            RouteEntry route;
            lock (_gate)
            {
                recorded = new RecordedRequest(_requests.Count + 1, request.Method, request.RequestUri, headers, body);
                _requests.Add(recorded);
                route = _routes.LastOrDefault(r => r.Matches(recorded));
                if (route == null)
                {
                    _unrouted.Add(recorded);
                }
            }

            RequestHook?.Invoke(recorded);

            FakeAnswer answer;
            if (route == null)
            {
                answer = FakeAnswer.DsccError(HttpStatusCode.NotFound, "no route in FakeDscc", "FAKE_404", "fake");
            }
            else if (OnlyLatestTokenIsValid && recorded.IsApiRequest && recorded.BearerToken != LatestToken())
            {
                answer = FakeAnswer.DsccError(HttpStatusCode.Unauthorized, "Unauthorized", "401", "t-401");
            }
            else
            {
                answer = route.Answer(recorded);
            }

            try
            {
                HttpResponseMessage response = await answer.Respond(cancellationToken);
                response.RequestMessage = request;
                recorded.AnsweredStatus = response.StatusCode;
                return response;
            }
            catch (OperationCanceledException)
            {
                Interlocked.Increment(ref _cancelledRequests);
                throw;
            }
        }

        protected override void Dispose(bool disposing)
        {
            // The session's HTTP client factory may dispose the handler; the fake keeps its record for asserts.
        }

        private static string Decode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));

        private string LatestToken()
        {
            lock (_gate)
            {
                return _issuedTokens.LastOrDefault();
            }
        }

        private FakeAnswer AnswerTokenRequest(RecordedRequest request)
        {
            JObject body;
            lock (_gate)
            {
                body = TokenBody(_issuedTokens.Count + 1);
                if (body["access_token"] != null)
                {
                    _issuedTokens.Add((string)body["access_token"]);
                }
            }

            return FakeAnswer.Ok(body);
        }

        private sealed class RouteEntry
        {
            private readonly HttpMethod _method;
            private readonly string _host;
            private readonly string _path;

            public RouteEntry(HttpMethod method, string host, string path, Func<RecordedRequest, FakeAnswer> answer)
            {
                _method = method;
                _host = host;
                _path = path;
                Answer = answer;
            }

            public Func<RecordedRequest, FakeAnswer> Answer { get; }

            public bool Matches(RecordedRequest request) =>
                request.Method == _method &&
                string.Equals(request.Uri.Host, _host, StringComparison.OrdinalIgnoreCase) &&
                string.Equals(request.Uri.AbsolutePath, _path, StringComparison.Ordinal);
        }
    }

    /// <summary>A UTC clock that moves only when a test moves it.</summary>
    internal sealed class FakeClock
    {
        private long _ticks;

        public FakeClock(DateTimeOffset start)
        {
            _ticks = start.UtcTicks;
        }

        /// <summary>Starts half an hour before the 2024 EU daylight-saving change (01:00 UTC, 31 March).</summary>
        public FakeClock()
            : this(new DateTimeOffset(2024, 3, 31, 0, 30, 0, TimeSpan.Zero))
        {
        }

        public DateTimeOffset UtcNow
        {
            get => new DateTimeOffset(Interlocked.Read(ref _ticks), TimeSpan.Zero);
            set => Interlocked.Exchange(ref _ticks, value.UtcTicks);
        }

        public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
    }
}
