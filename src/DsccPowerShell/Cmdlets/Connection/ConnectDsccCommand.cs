using System;
using System.Management.Automation;
using System.Net;
using System.Security;
using DsccPowerShell.Engine;
using DsccPowerShell.Engine.Http;
using DsccPowerShell.Engine.Sessions;

namespace DsccPowerShell.Cmdlets.Connection
{
    /// <summary>
    /// Connects to DSCC with an API client's id and secret (or a token obtained elsewhere), checks the connection,
    /// makes the new session the default for later cmdlets and returns it.
    /// </summary>
    [Cmdlet(VerbsCommunications.Connect, "Dscc", DefaultParameterSetName = SecretRegion)]
    [OutputType(typeof(DsccSession))]
    public sealed class ConnectDsccCommand : DsccCmdlet
    {
        /// <summary>The environment variable holding the client id for unattended runs.</summary>
        public const string ClientIdVariable = "DSCC_CLIENT_ID";

        /// <summary>The environment variable holding the client secret for unattended runs.</summary>
        public const string ClientSecretVariable = "DSCC_CLIENT_SECRET";

        private const string SecretRegion = "ClientSecretRegion";
        private const string SecretBaseUri = "ClientSecretBaseUri";
        private const string CredentialRegion = "CredentialRegion";
        private const string CredentialBaseUri = "CredentialBaseUri";
        private const string EnvironmentRegion = "EnvironmentRegion";
        private const string EnvironmentBaseUri = "EnvironmentBaseUri";
        private const string TokenRegion = "AccessTokenRegion";
        private const string TokenBaseUri = "AccessTokenBaseUri";

        /// <summary>Gets or sets the API client id from HPE GreenLake.</summary>
        [Parameter(Mandatory = true, ParameterSetName = SecretRegion)]
        [Parameter(Mandatory = true, ParameterSetName = SecretBaseUri)]
        [ValidateNotNullOrEmpty]
        public string ClientId { get; set; }

        /// <summary>Gets or sets the API client secret. A plain string is never accepted.</summary>
        [Parameter(Mandatory = true, ParameterSetName = SecretRegion)]
        [Parameter(Mandatory = true, ParameterSetName = SecretBaseUri)]
        [ValidateNotNull]
        public SecureString ClientSecret { get; set; }

        /// <summary>Gets or sets the API client as a credential: user name = client id, password = secret.</summary>
        [Parameter(Mandatory = true, ParameterSetName = CredentialRegion)]
        [Parameter(Mandatory = true, ParameterSetName = CredentialBaseUri)]
        [Credential]
        [ValidateNotNull]
        public PSCredential Credential { get; set; }

        /// <summary>
        /// Gets or sets whether to read the client id and secret from the DSCC_CLIENT_ID and DSCC_CLIENT_SECRET
        /// environment variables, for scheduled tasks, CI and Azure Automation.
        /// </summary>
        [Parameter(Mandatory = true, ParameterSetName = EnvironmentRegion)]
        [Parameter(Mandatory = true, ParameterSetName = EnvironmentBaseUri)]
        public SwitchParameter FromEnvironment { get; set; }

        /// <summary>
        /// Gets or sets a bearer token obtained elsewhere. The session cannot renew it and says so once it expires.
        /// </summary>
        [Parameter(Mandatory = true, ParameterSetName = TokenRegion)]
        [Parameter(Mandatory = true, ParameterSetName = TokenBaseUri)]
        [ValidateNotNull]
        public SecureString AccessToken { get; set; }

        /// <summary>Gets or sets the DSCC region whose API to use.</summary>
        [Parameter(Mandatory = true, ParameterSetName = SecretRegion)]
        [Parameter(Mandatory = true, ParameterSetName = CredentialRegion)]
        [Parameter(Mandatory = true, ParameterSetName = EnvironmentRegion)]
        [Parameter(Mandatory = true, ParameterSetName = TokenRegion)]
        [ValidateSet("us1", "eu1", "jp1")]
        public string Region { get; set; }

        /// <summary>Gets or sets an explicit API base URI, such as a simulator's, instead of a region.</summary>
        [Parameter(Mandatory = true, ParameterSetName = SecretBaseUri)]
        [Parameter(Mandatory = true, ParameterSetName = CredentialBaseUri)]
        [Parameter(Mandatory = true, ParameterSetName = EnvironmentBaseUri)]
        [Parameter(Mandatory = true, ParameterSetName = TokenBaseUri)]
        [ValidateNotNull]
        public Uri BaseUri { get; set; }

        /// <summary>Gets or sets the token endpoint; HPE's SSO service when not given.</summary>
        [Parameter]
        [ValidateNotNull]
        public Uri TokenUri { get; set; }

        /// <summary>Gets or sets the time limit in seconds of each request made through the session.</summary>
        [Parameter]
        [ValidateRange(1, DsccSession.MaxTimeoutSeconds)]
        public int TimeoutSec { get; set; } = 300;

        /// <summary>Gets or sets how many attempts a request gets in all when DSCC is busy or unreachable.</summary>
        [Parameter]
        [ValidateRange(1, 100)]
        public int MaxAttempts { get; set; } = 5;

        /// <summary>
        /// Gets or sets the longest time, in seconds, one request may wait between its attempts in all.
        /// </summary>
        [Parameter]
        [ValidateRange(0, int.MaxValue)]
        public int MaxRetryWaitSec { get; set; } = 120;

        /// <summary>Gets or sets a proxy to use instead of the system's.</summary>
        [Parameter]
        [ValidateNotNull]
        public Uri Proxy { get; set; }

        /// <summary>Gets or sets the credentials for the proxy.</summary>
        [Parameter]
        [Credential]
        [ValidateNotNull]
        public PSCredential ProxyCredential { get; set; }

        /// <summary>Gets or sets whether to authenticate to the proxy as the current user.</summary>
        [Parameter]
        public SwitchParameter ProxyUseDefaultCredentials { get; set; }

        /// <summary>Gets or sets whether this session accepts any server certificate. Never on by default.</summary>
        [Parameter]
        public SwitchParameter SkipCertificateCheck { get; set; }

        /// <summary>
        /// Gets or sets whether to skip the call that checks the connection after the token is issued.
        /// </summary>
        [Parameter]
        public SwitchParameter SkipConnectionTest { get; set; }

        /// <inheritdoc/>
        protected override void ProcessRecord()
        {
            ValidateParameters();
            DsccConnectionSettings settings = BuildSettings();
            if (SkipCertificateCheck)
            {
                WriteWarning("Certificate checks are off for this session: any server, including an impostor, " +
                    "will be trusted with its token and data. Use this only for a lab or a test proxy.");
            }

            DsccCallContext context = CreateCallContext();
            DsccSession session = null;
            try
            {
                session = DsccSession.Open(settings, context);
                if (!SkipConnectionTest)
                {
                    TestConnection(session, context);
                }
            }
            catch (Exception ex) when (IsEngineFailure(ex))
            {
                session?.Dispose();
                ThrowEngineError(ex, TargetOf(ex, settings));
                return;
            }

            DsccSessionStore.AddAsDefault(session);
            WriteVerbose("Connected to " + session.BaseUri.GetLeftPart(UriPartial.Authority) +
                (session.Region == null ? string.Empty : " (region " + session.Region + ")") +
                "; session " + session.Id + " is now the default.");
            WriteObject(session);
        }

        /// <summary>
        /// Names what a failure is about: the setting at fault (which the engine names safely), else where the
        /// session was to go; a base URI that got that far has been checked to carry no user info.
        /// </summary>
        private static object TargetOf(Exception failure, DsccConnectionSettings settings) =>
            failure is DsccSettingException setting
                ? setting.Target
                : settings.BaseUri ?? (object)settings.Region;

        /// <summary>Refuses combinations that would silently ignore something the user asked for.</summary>
        private void ValidateParameters()
        {
            if (ProxyCredential != null && Proxy == null)
            {
                ThrowInvalid("-ProxyCredential needs -Proxy; the system proxy uses -ProxyUseDefaultCredentials.",
                    "ProxyCredentialWithoutProxy", ProxyCredential.UserName);
            }

            if (ProxyCredential != null && ProxyUseDefaultCredentials)
            {
                ThrowInvalid("Use -ProxyCredential or -ProxyUseDefaultCredentials, not both.",
                    "ProxyCredentialConflict", ProxyCredential.UserName);
            }

            if (AccessToken != null && TokenUri != null)
            {
                ThrowInvalid("-TokenUri has no use with -AccessToken: a given token is never renewed.",
                    "TokenUriWithAccessToken", TokenUri);
            }
        }

        private void ThrowInvalid(string message, string problem, object target)
        {
            ThrowTerminatingError(new ErrorRecord(
                new PSArgumentException(message), ErrorIdPrefix + problem, ErrorCategory.InvalidArgument, target));
        }

        private DsccConnectionSettings BuildSettings()
        {
            var settings = new DsccConnectionSettings
            {
                Region = Region,
                BaseUri = BaseUri,
                TokenUri = TokenUri,
                ClientId = Credential?.UserName ?? ClientId,
                ClientSecret = Credential?.Password ?? ClientSecret,
                AccessToken = AccessToken,
                Timeout = TimeSpan.FromSeconds(TimeoutSec),
                Transport = new DsccTransportOptions
                {
                    Proxy = Proxy,
                    ProxyCredentials = ProxyCredential?.GetNetworkCredential(),
                    ProxyUseDefaultCredentials = ProxyUseDefaultCredentials,
                    SkipCertificateCheck = SkipCertificateCheck,
                    Retry = new DsccRetrySettings
                    {
                        MaxAttempts = MaxAttempts,
                        MaxTotalWait = TimeSpan.FromSeconds(MaxRetryWaitSec),
                    },
                },
            };

            if (FromEnvironment)
            {
                ReadEnvironment(settings);
            }

            return settings;
        }

        private void ReadEnvironment(DsccConnectionSettings settings)
        {
            string clientId = Environment.GetEnvironmentVariable(ClientIdVariable);
            string secret = Environment.GetEnvironmentVariable(ClientSecretVariable);
            if (string.IsNullOrEmpty(clientId) || string.IsNullOrEmpty(secret))
            {
                ThrowTerminatingError(new ErrorRecord(
                    new PSArgumentException(
                        "-FromEnvironment needs both " + ClientIdVariable + " and " + ClientSecretVariable +
                        " set in this process's environment; " +
                        (string.IsNullOrEmpty(clientId) ? ClientIdVariable : ClientSecretVariable) + " is not."),
                    ErrorIdPrefix + "EnvironmentNotSet",
                    ErrorCategory.InvalidArgument,
                    string.IsNullOrEmpty(clientId) ? ClientIdVariable : ClientSecretVariable));
            }

            settings.ClientId = clientId;
            settings.ClientSecret = new NetworkCredential(string.Empty, secret).SecurePassword;
        }

        private void TestConnection(DsccSession session, DsccCallContext context)
        {
            string refusal = session.TestConnection(context);
            if (refusal != null)
            {
                WriteWarning("Connected to " + session.BaseUri.GetLeftPart(UriPartial.Authority) +
                    ", but this API client may not read storage systems (403: " + refusal + "). Cmdlets that " +
                    "need that permission will fail; check the roles of the user who created the client.");
            }
        }
    }
}
