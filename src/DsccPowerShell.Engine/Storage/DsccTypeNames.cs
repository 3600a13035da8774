namespace DsccPowerShell.Engine.Storage
{
    /// <summary>The PowerShell type names given to emitted objects; the module's format file keys on them.</summary>
    public static class DsccTypeNames
    {
        /// <summary>A storage system from the generic (all device types) view.</summary>
        public const string StorageSystem = "DsccPowerShell.StorageSystem";

        /// <summary>A volume from the generic (all device types) view.</summary>
        public const string Volume = "DsccPowerShell.Volume";

        /// <summary>A storage pool from the generic view.</summary>
        public const string StoragePool = "DsccPowerShell.StoragePool";
    }
}
