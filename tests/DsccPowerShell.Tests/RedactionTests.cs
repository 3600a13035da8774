using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using DsccPowerShell.Engine;
using DsccPowerShell.Engine.Http;
using DsccPowerShell.Engine.Sessions;
using DsccPowerShell.Tests.Fakes;
using Newtonsoft.Json.Linq;
using Xunit;

namespace DsccPowerShell.Tests
{
    /// <summary>What -Debug, -Verbose, warnings and errors may show, and what never (field lesson 6).</summary>
    public sealed class RedactionTests
    {
        private const string HostGroupsPath = "/api/v1/host-initiator-groups";
        private const string ListPath = "/api/v1/volumes";

        private static string RequestBodyLine(CallLog log) =>
            Assert.Single(log.Debug, l => l.StartsWith("Request body: ", StringComparison.Ordinal));

        private static string ResponseBodyLine(CallLog log) =>
            Assert.Single(log.Debug, l => l.StartsWith("Response body: ", StringComparison.Ordinal));

        [Fact]
        public void ShouldMaskSecretFieldsAtAnyDepthInDebugBodies()
        {
            // Arrange
            var body = JObject.Parse(@"{
                ""name"": ""hg-1"",
                ""clientSecret"": ""cs-VALUE-1"",
                ""hosts"": [
                    { ""name"": ""host-1"", ""chapSecret"": ""chap-VALUE-2"",
                      ""initiators"": [ { ""address"": ""iqn.1998-01.com.example:h1"", " +
                      @"""password"": ""pw-VALUE-3"" } ] },
                    { ""name"": ""host-2"", ""chapSecret"": null }
                ],
                ""settings"": { ""nested"": { ""Password"": ""pw-VALUE-4"", ""comment"": ""keep me"" } },
                ""tags"": [ ""a"", ""b"" ],
                ""sizeMib"": 1024
            }");
            var fake = new FakeDscc();
            fake.Route(
                HttpMethod.Post,
                HostGroupsPath,
                FakeAnswer.Json(
                    HttpStatusCode.Created,
                    new JObject
                    {
                        ["id"] = "hg-id-1",
                        ["hosts"] = new JArray(new JObject { ["name"] = "host-1", ["chapSecret"] = "chap-ECHO-5" }),
                    }));
            var log = new CallLog();
            using DsccSession session = TestSessions.Open(fake);

            // Act
            JToken result = session.Api.Send(HttpMethod.Post, HostGroupsPath, body, log.Context());

            // Assert: DSCC received every value, and the caller gets DSCC's answer unmasked.
            JToken sent = fake.ApiRequests.Single().JsonBody;
            Assert.True(JToken.DeepEquals(body, sent), "the body sent differs: " + sent);
            Assert.Equal("chap-ECHO-5", (string)result["hosts"][0]["chapSecret"]);

            // Assert: the Debug request body masks every secret field, at any depth, and keeps the rest.
            var shown = JObject.Parse(RequestBodyLine(log).Substring("Request body: ".Length));
            Assert.Equal("***", (string)shown["clientSecret"]);
            Assert.Equal("***", (string)shown["hosts"][0]["chapSecret"]);
            Assert.Equal("***", (string)shown["hosts"][0]["initiators"][0]["password"]);
            Assert.Equal("***", (string)shown["settings"]["nested"]["Password"]);
            Assert.Equal("hg-1", (string)shown["name"]);
            Assert.Equal("host-1", (string)shown["hosts"][0]["name"]);
            Assert.Equal("iqn.1998-01.com.example:h1", (string)shown["hosts"][0]["initiators"][0]["address"]);
            Assert.Equal(JTokenType.Null, shown["hosts"][1]["chapSecret"].Type);
            Assert.Equal("keep me", (string)shown["settings"]["nested"]["comment"]);
            Assert.Equal(new[] { "a", "b" }, shown["tags"].Values<string>());
            Assert.Equal(1024, (int)shown["sizeMib"]);

            // Assert: the response body is masked the same way.
            var answer = JObject.Parse(ResponseBodyLine(log).Substring("Response body: ".Length));
            Assert.Equal("***", (string)answer["hosts"][0]["chapSecret"]);
            Assert.Equal("hg-id-1", (string)answer["id"]);
            foreach (string value in new[] { "cs-VALUE-1", "chap-VALUE-2", "pw-VALUE-3", "pw-VALUE-4", "chap-ECHO-5" })
            {
                Assert.All(log.All, l => Assert.DoesNotContain(value, l, StringComparison.Ordinal));
            }
        }

        [Fact]
        public void ShouldShowOnlyTheLengthOfAnHtmlBody()
        {
            // Arrange: a proxy's error page that happens to echo a header.
            const string Html =
                "<html><body><h1>502 Bad Gateway</h1><!-- Authorization: Bearer echo-XYZ --></body></html>";
            var fake = new FakeDscc();
            fake.Route(HttpMethod.Get, ListPath, FakeAnswer.Html(HttpStatusCode.BadGateway, Html));
            var log = new CallLog();
            using DsccSession session = TestSessions.Open(fake);

            // Act
            var ex = Assert.Throws<DsccApiException>(
                () => session.Api.Send(HttpMethod.Get, ListPath, null, log.Context()));

            // Assert
            Assert.Equal(HttpStatusCode.BadGateway, ex.StatusCode);
            Assert.Single(fake.ApiRequests);
            Assert.Equal("Response body: (" + Html.Length + " characters, not JSON)", ResponseBodyLine(log));
            Assert.All(log.All, l => Assert.DoesNotContain("echo-XYZ", l, StringComparison.Ordinal));
            Assert.All(log.All, l => Assert.DoesNotContain("<html>", l, StringComparison.Ordinal));
            Assert.DoesNotContain("echo-XYZ", ex.ToString(), StringComparison.Ordinal);
        }

        [Fact]
        public void ShouldMaskClientSecretAndNeverShowTokenResponse()
        {
            // Arrange
            var fake = new FakeDscc();
            fake.TokenBody = n => new JObject
            {
                ["access_token"] = "tok-SHOWN-NEVER-" + n,
                ["token_type"] = "Bearer",
                ["expires_in"] = 7200,
                ["scope"] = "scope-marker",
            };
            var log = new CallLog();

            // Act
            using DsccSession session = TestSessions.Open(fake, context: log.Context());

            // Assert: the real secret went to the token endpoint.
            RecordedRequest sent = Assert.Single(fake.TokenRequests);
            Assert.Contains(
                new KeyValuePair<string, string>("client_secret", TestSessions.Secret),
                FakeDscc.ParseForm(sent.Body));

            // Assert: the Debug lines show the form with the secret masked, and no part of the token answer.
            Assert.Equal(
                new[]
                {
                    "POST " + FakeDscc.TokenUri.AbsoluteUri,
                    "Request body: grant_type=client_credentials&client_id=" + TestSessions.ClientId +
                        "&client_secret=***",
                    "Response body: ***",
                },
                log.Debug);
            Assert.All(log.All, l => Assert.DoesNotContain("tok-SHOWN-NEVER", l, StringComparison.Ordinal));
            Assert.All(log.All, l => Assert.DoesNotContain("scope-marker", l, StringComparison.Ordinal));
            Assert.All(log.All, l => Assert.DoesNotContain(TestSessions.Secret, l, StringComparison.Ordinal));
            Assert.Equal(1, session.TokenCount);
        }

        [Fact]
        public void ShouldKeepSecretAndTokensOutOfEveryStreamAndErrorAcrossRetriesAndRenewals()
        {
            // Arrange: a token endpoint that is rate limited once, an API that fails transiently, refuses a token,
            // drops a connection and finally refuses a renewed token.
            var fake = new FakeDscc();
            fake.TokenBody = n => new JObject { ["access_token"] = "tok-LEAK-" + n + "-7f3a", ["expires_in"] = 7200 };
            fake.TokenAnswersFirst(
                FakeAnswer.Json((HttpStatusCode)429, new JObject { ["error"] = "slow down" })
                    .WithHeader("Retry-After", "0"));
            fake.Sequence(
                HttpMethod.Get,
                ListPath,
                FakeAnswer.DsccError(HttpStatusCode.ServiceUnavailable, "busy", "503", "t-1")
                    .WithHeader("Retry-After", "0"),
                FakeAnswer.DsccError(HttpStatusCode.Unauthorized, "Unauthorized", "401", "t-2"),
                FakeAnswer.Ok(new JObject { ["items"] = new JArray(), ["total"] = 0 }));
            fake.Route(HttpMethod.Post, HostGroupsPath, FakeAnswer.Drop());
            fake.Route(
                HttpMethod.Get,
                "/api/v1/volumes/vol-1",
                FakeAnswer.DsccError(HttpStatusCode.Unauthorized, "Unauthorized", "401", "t-3"));
            var log = new CallLog();
            var errors = new List<Exception>();

            // Act
            using DsccSession session = TestSessions.Open(
                fake, context: log.Context(), retry: Retries.Tiny(maxAttempts: 3));
            JToken list = session.Api.Send(HttpMethod.Get, ListPath, null, log.Context());
            errors.Add(Record.Exception(() => session.Api.Send(
                HttpMethod.Post,
                HostGroupsPath,
                new JObject { ["name"] = "hg-1", ["chapSecret"] = "chap-LEAK-9" },
                log.Context())));
            errors.Add(Record.Exception(() => session.Api.Send(
                HttpMethod.Get,
                "/api/v1/volumes/vol-1",
                null,
                log.Context())));

            // Assert: the run did what it was meant to: retries, two renewals, two errors.
            Assert.Equal(0, (int)list["total"]);
            Assert.IsType<DsccConnectionException>(errors[0]);
            Assert.IsType<DsccAuthenticationException>(errors[1]);
            Assert.Equal(new[] { "tok-LEAK-1-7f3a", "tok-LEAK-2-7f3a", "tok-LEAK-3-7f3a" }, fake.IssuedTokens);
            Assert.True(session.Statistics.Retries >= 2, "expected retries, got " + session.Statistics.Retries);
            Assert.NotEmpty(log.Debug);
            Assert.NotEmpty(RetryLine.In(log.Verbose));

            // Assert: no stream and no error shows the secret (in any encoding), a token or the CHAP secret.
            var forbidden = new List<string>(fake.IssuedTokens)
            {
                TestSessions.Secret,
                Uri.EscapeDataString(TestSessions.Secret),
                "s3cr%26t%2Bv%3Dl%25+ue",
                "chap-LEAK-9",
            };
            IEnumerable<string> everything = log.All
                .Concat(errors.Select(e => e.ToString()))
                .Concat(errors.Select(e => e.Message))
                .Concat(new[] { session.ToString() });
            foreach (string text in everything)
            {
                foreach (string secret in forbidden)
                {
                    Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
                }
            }
        }
    }
}
