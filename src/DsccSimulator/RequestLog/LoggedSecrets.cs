using System.Net;

namespace DsccSimulator.RequestLog;

/// <summary>
/// Masks secrets in logged request bodies. Any local process may read <c>/_sim/requests</c>, and a client secret
/// logged in clear would outlive the request in every test report that prints the log.
/// </summary>
public static class LoggedSecrets
{
    /// <summary>What the log shows instead of a secret value.</summary>
    public const string Mask = "***";

    /// <summary>Form fields that carry secrets: the OAuth client secret of a token request.</summary>
    private static readonly string[] SecretFormFields = ["client_secret"];

    /// <summary>
    /// <paramref name="form"/> (an <c>application/x-www-form-urlencoded</c> body or a query string without its '?')
    /// with the value of each secret field replaced by <see cref="Mask"/>; everything else stays exactly as sent.
    /// </summary>
    public static string RedactForm(string form)
    {
        if (string.IsNullOrEmpty(form))
        {
            return form;
        }

        var pairs = form.Split('&');
        var redacted = false;
        for (var i = 0; i < pairs.Length; i++)
        {
            var equals = pairs[i].IndexOf('=', StringComparison.Ordinal);
            var encodedName = equals < 0 ? pairs[i] : pairs[i][..equals];
            // Any case: the token endpoint reads field names without regard to case, so CLIENT_SECRET is a secret.
            if (SecretFormFields.Contains(WebUtility.UrlDecode(encodedName), StringComparer.OrdinalIgnoreCase))
            {
                pairs[i] = $"{encodedName}={Mask}";
                redacted = true;
            }
        }

        return redacted ? string.Join('&', pairs) : form;
    }
}
