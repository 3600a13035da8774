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
        public DsccSettingException(string message, string settingName)
            : base(message)
        {
            SettingName = settingName;
        }

        /// <summary>Gets the name of the setting at fault, such as BaseUri or TokenUri.</summary>
        public string SettingName { get; }
    }
}
