using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using DsccPowerShell.Engine;
using DsccPowerShell.Engine.Http;
using DsccPowerShell.Engine.Sessions;
using DsccPowerShell.Engine.Storage;
using DsccPowerShell.Tests.Fakes;
using Newtonsoft.Json.Linq;
using Xunit;

namespace DsccPowerShell.Tests
{
    /// <summary>
    /// HTTP failures become exceptions carrying DSCC's own words, never secrets (field lessons 6 and 10).
    /// </summary>
    public sealed class ErrorTests
    {
        private const string Token = "tok-7f3a9c-recognisable";
        private const string MissingVolumeId = "00000000000000000000000000000001";
        private const string MissingVolumePath = "/api/v1/volumes/" + MissingVolumeId;

        private static FakeDscc FakeWithRecognisableToken()
        {
            var fake = new FakeDscc();
            fake.TokenBody = _ => new JObject { ["access_token"] = Token, ["expires_in"] = 7200 };
            return fake;
        }

        private static void AssertNoSecrets(string text)
        {
            Assert.DoesNotContain(Token, text, StringComparison.Ordinal);
            Assert.DoesNotContain(TestSessions.Secret, text, StringComparison.Ordinal);
            Assert.DoesNotContain(Uri.EscapeDataString(TestSessions.Secret), text, StringComparison.Ordinal);
            Assert.DoesNotContain("s3cr%26t%2Bv%3Dl%25+ue", text, StringComparison.Ordinal);
        }

        [Fact]
        public void ShouldCarryDsccErrorFieldsOn404()
        {
            // Arrange
            var fake = FakeWithRecognisableToken();
            fake.Route(
                HttpMethod.Get,
                MissingVolumePath,
                FakeAnswer.DsccError(HttpStatusCode.NotFound, "volume not found", "VOL_404", "0123456789abcdef"));
            using DsccSession session = TestSessions.Open(fake);
            var log = new CallLog();

            // Act
            var ex = Assert.Throws<DsccApiException>(() => DsccVolumes.Get(session, MissingVolumeId, log.Context()));

            // Assert: what came back.
            Assert.Equal(HttpStatusCode.NotFound, ex.StatusCode);
            Assert.Equal("volume not found", ex.ServiceError);
            Assert.Equal("VOL_404", ex.ErrorCode);
            Assert.Equal("0123456789abcdef", ex.TraceId);
            Assert.Equal(HttpMethod.Get, ex.Method);
            Assert.Equal(new Uri(FakeDscc.BaseUri, MissingVolumePath), ex.RequestUri);
            Assert.Contains("volume not found", ex.Message, StringComparison.Ordinal);
            Assert.Contains("404", ex.Message, StringComparison.Ordinal);
            AssertNoSecrets(ex.ToString());

            // Assert: what was sent — one request, to the escaped path, and no renewal for a 404.
            RecordedRequest sent = Assert.Single(fake.ApiRequests);
            Assert.Equal(MissingVolumePath, sent.Path);
            Assert.Equal("Bearer " + Token, sent.Authorization);
            Assert.Single(fake.TokenRequests);
        }

        [Fact]
        public void ShouldDescribeHtmlErrorBodyWithoutJsonException()
        {
            // Arrange: a proxy in front of DSCC answers 502 with an HTML page.
            var fake = FakeWithRecognisableToken();
            fake.Route(
                HttpMethod.Get,
                "/api/v1/volumes/vol-1",
                FakeAnswer.Html(HttpStatusCode.BadGateway, "<html><body><h1>502 Bad Gateway</h1></body></html>"));
            using DsccSession session = TestSessions.Open(fake);

            // Act
            var ex = Assert.Throws<DsccApiException>(() => DsccVolumes.Get(session, "vol-1", DsccCallContext.Silent));

            // Assert
            Assert.Equal(HttpStatusCode.BadGateway, ex.StatusCode);
            Assert.Contains("502", ex.Message, StringComparison.Ordinal);
            Assert.Contains("text/html", ex.Message, StringComparison.Ordinal);
            Assert.Contains("/api/v1/volumes/vol-1", ex.Message, StringComparison.Ordinal);
            Assert.Null(ex.InnerException);
            Assert.DoesNotContain("JsonReader", ex.ToString(), StringComparison.Ordinal);
            Assert.Null(ex.ErrorCode);
            Assert.Null(ex.TraceId);
            AssertNoSecrets(ex.ToString());
            Assert.Single(fake.ApiRequests);
        }

        [Fact]
        public void ShouldDescribeEmptyErrorBody()
        {
            // Arrange
            var fake = FakeWithRecognisableToken();
            fake.Route(HttpMethod.Get, "/api/v1/volumes/vol-1", FakeAnswer.Empty(HttpStatusCode.InternalServerError));
            using DsccSession session = TestSessions.Open(fake);

            // Act
            var ex = Assert.Throws<DsccApiException>(() => DsccVolumes.Get(session, "vol-1", DsccCallContext.Silent));

            // Assert
            Assert.Equal(HttpStatusCode.InternalServerError, ex.StatusCode);
            Assert.Contains("500", ex.Message, StringComparison.Ordinal);
            Assert.Contains("no body", ex.Message, StringComparison.Ordinal);
            Assert.Null(ex.InnerException);
            AssertNoSecrets(ex.ToString());
            Assert.Single(fake.ApiRequests);
        }

        [Fact]
        public void ShouldReportNonJsonSuccessBodyReadably()
        {
            // Arrange: a captive portal answers 200 with HTML.
            var fake = FakeWithRecognisableToken();
            fake.Route(
                HttpMethod.Get,
                "/api/v1/volumes/vol-1",
                FakeAnswer.Html(HttpStatusCode.OK, "<html>login</html>"));
            using DsccSession session = TestSessions.Open(fake);

            // Act
            var ex = Assert.Throws<DsccApiException>(() => DsccVolumes.Get(session, "vol-1", DsccCallContext.Silent));

            // Assert
            Assert.Equal(HttpStatusCode.OK, ex.StatusCode);
            Assert.Contains("not JSON", ex.Message, StringComparison.Ordinal);
            AssertNoSecrets(ex.ToString());
            Assert.Single(fake.ApiRequests);
        }

        [Theory]
        [InlineData("empty", "with no body")]
        [InlineData("array", "with a JSON array")]
        public void ShouldNotTurnASuccessWithoutAnObjectIntoAnEmptyResource(string answer, string expected)
        {
            // Arrange: a proxy answers 200 with nothing, or with JSON that is not a resource.
            var fake = FakeWithRecognisableToken();
            fake.Route(
                HttpMethod.Get,
                "/api/v1/volumes/vol-1",
                answer == "empty"
                    ? FakeAnswer.Empty(HttpStatusCode.OK)
                    : FakeAnswer.Json(HttpStatusCode.OK, new JArray(1, 2)));
            using DsccSession session = TestSessions.Open(fake);

            // Act
            var ex = Assert.Throws<DsccApiException>(() => DsccVolumes.Get(session, "vol-1", DsccCallContext.Silent));

            // Assert: an error naming the request, not an object with no properties.
            Assert.Equal(HttpStatusCode.OK, ex.StatusCode);
            Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
            Assert.Contains("GET https://dscc.mock.test/api/v1/volumes/vol-1", ex.Message, StringComparison.Ordinal);
            Assert.Equal(new Uri(FakeDscc.BaseUri, "/api/v1/volumes/vol-1"), ex.RequestUri);
            Assert.Single(fake.ApiRequests);
        }

        [Theory]
        [InlineData(".")]
        [InlineData("..")]
        public void ShouldRefuseIdsThatWouldStepUpThePath(string id)
        {
            // Arrange: /api/v1/storage-systems/.. would be the list of systems, and ../volumes every volume.
            var fake = FakeWithRecognisableToken();
            using DsccSession session = TestSessions.Open(fake);

            // Act
            var system = Assert.Throws<ArgumentException>(
                () => DsccStorageSystems.Get(session, id, DsccCallContext.Silent));
            var volumes = Assert.Throws<ArgumentException>(
                () => DsccVolumes.List(session, id, query: null, DsccCallContext.Silent).ToList());

            // Assert: refused before any request.
            Assert.Contains("'" + id + "' is not a storage system id", system.Message, StringComparison.Ordinal);
            Assert.Contains("is not a storage system id", volumes.Message, StringComparison.Ordinal);
            Assert.Empty(fake.ApiRequests);
        }

        [Fact]
        public void ShouldNotLeakSecretWhenTokenServiceRefuses()
        {
            // Arrange
            var fake = new FakeDscc();
            fake.Route(
                HttpMethod.Post,
                FakeDscc.TokenUri.AbsolutePath,
                _ => FakeAnswer.Json(
                    HttpStatusCode.BadRequest,
                    new JObject { ["error"] = "invalid_client", ["error_description"] = "Bad credentials" }),
                FakeDscc.TokenUri.Host);
            var log = new CallLog();

            // Act
            var ex = Assert.Throws<DsccAuthenticationException>(
                () => TestSessions.Open(fake, context: log.Context()));

            // Assert
            Assert.Contains("invalid_client", ex.Message, StringComparison.Ordinal);
            Assert.Contains(TestSessions.ClientId, ex.Message, StringComparison.Ordinal);
            Assert.Contains("sso.mock.test", ex.Message, StringComparison.Ordinal);
            AssertNoSecrets(ex.ToString());
            RecordedRequest sent = Assert.Single(fake.Requests);
            Assert.True(sent.IsTokenRequest);
            Assert.Contains(
                new System.Collections.Generic.KeyValuePair<string, string>("client_secret", TestSessions.Secret),
                FakeDscc.ParseForm(sent.Body));
            Assert.NotEmpty(log.Debug);
            Assert.All(log.All, AssertNoSecrets);
        }

        [Theory]
        [InlineData(400, "invalid_request", false)]
        [InlineData(400, "unsupported_grant_type", false)]
        [InlineData(400, null, false)]
        [InlineData(400, "invalid_grant", true)]
        [InlineData(401, "unauthorized_client", true)]
        [InlineData(401, null, true)]
        public void ShouldBlameTheCredentialsOnlyWhenTheTokenServiceJudgedThem(int status, string code, bool judged)
        {
            // Arrange
            var fake = new FakeDscc();
            var body = code == null ? new JObject { ["message"] = "no" } : new JObject { ["error"] = code };
            fake.Route(
                HttpMethod.Post,
                FakeDscc.TokenUri.AbsolutePath,
                _ => FakeAnswer.Json((HttpStatusCode)status, body),
                FakeDscc.TokenUri.Host);

            // Act
            var ex = Assert.ThrowsAny<DsccApiException>(() => TestSessions.Open(fake));

            // Assert: an authentication error that points at the credentials, or a request error that does not.
            Assert.Equal(judged, ex is DsccAuthenticationException);
            Assert.Equal(judged, ex.Message.Contains("Check the client id and secret", StringComparison.Ordinal));
            Assert.Equal(!judged, ex.Message.Contains("Check -TokenUri", StringComparison.Ordinal));
            Assert.Equal((HttpStatusCode)status, ex.StatusCode);
            Assert.Equal(FakeDscc.TokenUri, ex.RequestUri);
            AssertNoSecrets(ex.ToString());
            Assert.Single(fake.Requests);
        }

        [Fact]
        public void ShouldKeepTokenAndSecretOutOfVerboseAndDebugOutput()
        {
            // Arrange
            var fake = FakeWithRecognisableToken();
            fake.Route(HttpMethod.Get, "/api/v1/volumes/vol-1", FakeAnswer.Ok(new JObject { ["id"] = "vol-1" }));
            var log = new CallLog();

            // Act
            using DsccSession session = TestSessions.Open(fake, context: log.Context());
            var volume = DsccVolumes.Get(session, "vol-1", log.Context());

            // Assert: the secrets went over the wire but into no report.
            Assert.Equal("vol-1", volume.Properties["id"].Value);
            Assert.Equal("Bearer " + Token, fake.ApiRequests.Single().Authorization);
            Assert.True(log.Debug.Count >= 2, "debug output for both requests");
            Assert.True(log.Verbose.Count >= 2, "verbose output for both requests");
            Assert.All(log.All, AssertNoSecrets);
            AssertNoSecrets(session.ToString());
            Assert.Contains(log.Debug, line => line.Contains("client_secret=***", StringComparison.Ordinal));
        }
    }
}
