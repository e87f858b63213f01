namespace Orleans.Transfer.Storage;

/// <summary>Names that are part of the storage contract: changing one orphans every stored job.</summary>
public static class StorageNames
{
    /// <summary>The grain storage provider that holds job state.</summary>
    public const string Transfer = "transfer";

    /// <summary>The state name of job grain.</summary>
    public const string JobState = "transfer-job";

    /// <summary>The ServiceId every silo of this product uses; rows in storage are keyed by it.</summary>
    public const string ServiceId = "orleans-transfer";
}
