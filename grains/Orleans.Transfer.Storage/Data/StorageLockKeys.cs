namespace Orleans.Transfer.Storage.Data;

/// <summary>PostgreSQL advisory lock keys; arbitrary but fixed, and distinct from each other.</summary>
internal static class StorageLockKeys
{
    /// <summary>Held while the schema scripts run, so silos starting together do not race on DDL.</summary>
    public const long Schema = 0x58_46_45_52_53_43_48_4D; // "XFERSCHM"
}
