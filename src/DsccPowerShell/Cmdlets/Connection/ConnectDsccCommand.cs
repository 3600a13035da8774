using System;
using System.Management.Automation;
using System.Security;
using DsccPowerShell.Engine.Sessions;

namespace DsccPowerShell.Cmdlets.Connection
{
    /// <summary>
    /// Connects to DSCC with an API client's id and secret, makes the new session the default for later cmdlets
    /// and returns it.
    /// </summary>
    [Cmdlet(VerbsCommunications.Connect, "Dscc", DefaultParameterSetName = SecretAndRegionSet)]
    [OutputType(typeof(DsccSession))]
    public sealed class ConnectDsccCommand : DsccCmdlet
    {
        private const string SecretAndRegionSet = "ClientSecretRegion";
        private const string SecretAndBaseUriSet = "ClientSecretBaseUri";
        private const string CredentialAndRegionSet = "CredentialRegion";
        private const string CredentialAndBaseUriSet = "CredentialBaseUri";

        /// <summary>Gets or sets the API client id from HPE GreenLake.</summary>
        [Parameter(Mandatory = true, ParameterSetName = SecretAndRegionSet)]
        [Parameter(Mandatory = true, ParameterSetName = SecretAndBaseUriSet)]
        [ValidateNotNullOrEmpty]
        public string ClientId { get; set; }

        /// <summary>Gets or sets the API client secret. A plain string is never accepted.</summary>
        [Parameter(Mandatory = true, ParameterSetName = SecretAndRegionSet)]
        [Parameter(Mandatory = true, ParameterSetName = SecretAndBaseUriSet)]
        [ValidateNotNull]
        public SecureString ClientSecret { get; set; }

        /// <summary>Gets or sets the API client as a credential: user name = client id, password = secret.</summary>
        [Parameter(Mandatory = true, ParameterSetName = CredentialAndRegionSet)]
        [Parameter(Mandatory = true, ParameterSetName = CredentialAndBaseUriSet)]
        [Credential]
        [ValidateNotNull]
        public PSCredential Credential { get; set; }

        /// <summary>Gets or sets the DSCC region whose API to use.</summary>
        [Parameter(Mandatory = true, ParameterSetName = SecretAndRegionSet)]
        [Parameter(Mandatory = true, ParameterSetName = CredentialAndRegionSet)]
        [ValidateSet("us1", "eu1", "jp1")]
        public string Region { get; set; }

        /// <summary>Gets or sets an explicit API base URI, such as a simulator's, instead of a region.</summary>
        [Parameter(Mandatory = true, ParameterSetName = SecretAndBaseUriSet)]
        [Parameter(Mandatory = true, ParameterSetName = CredentialAndBaseUriSet)]
        [ValidateNotNull]
        public Uri BaseUri { get; set; }

        /// <summary>Gets or sets the token endpoint; HPE's SSO service when not given.</summary>
        [Parameter]
        [ValidateNotNull]
        public Uri TokenUri { get; set; }

        /// <summary>Gets or sets the time limit in seconds of each request made through the session.</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int TimeoutSec { get; set; } = 300;

        /// <inheritdoc/>
        protected override void ProcessRecord()
        {
            var settings = new DsccConnectionSettings
            {
                Region = Region,
                BaseUri = BaseUri,
                TokenUri = TokenUri,
                ClientId = Credential?.UserName ?? ClientId,
                ClientSecret = Credential?.Password ?? ClientSecret,
                Timeout = TimeSpan.FromSeconds(TimeoutSec),
            };

            DsccSession session;
            try
            {
                session = DsccSession.Open(settings, CreateCallContext());
            }
            catch (Exception ex) when (IsEngineFailure(ex))
            {
                ThrowEngineError(ex, settings.BaseUri ?? (object)settings.Region);
                return;
            }

            DsccSessionStore.AddAsDefault(session);
            WriteVerbose("Connected to " + session.BaseUri.GetLeftPart(UriPartial.Authority) +
                " as client " + session.ClientId + "; this is now the default session.");
            WriteObject(session);
        }
    }
}
