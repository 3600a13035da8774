using System;

namespace DsccPowerShell.Engine.Sessions
{
    /// <summary>
    /// A connection setting the session cannot work with. <see cref="SettingName"/> is the setting's property in
    /// <see cref="DsccConnectionSettings"/>, which is also the name of the Connect-Dscc parameter that sets it.
    /// </summary>
    [Serializable]
    public sealed class DsccSettingException : ArgumentException
    {
        /// <summary>Creates the exception; the message is shown as it is, without a parameter suffix.</summary>
        public DsccSettingException(string message, string settingName, string target)
            : base(message)
        {
            SettingName = settingName;
            Target = target;
        }

        /// <summary>Gets the name of the setting at fault, such as BaseUri or TokenUri.</summary>
        public string SettingName { get; }

        /// <summary>
        /// Gets what the failure is about, safe to show: the setting's value (a URI without user info), or the
        /// client id when the client secret is at fault.
        /// </summary>
        public string Target { get; }
    }
}
