namespace Orleans.Transfer.Storage;

/// <summary>Names that are part of the storage contract: changing one orphans every stored job.</summary>
public static class StorageNames
{
    /// <summary>The grain storage provider that holds job state.</summary>
    public const string Transfer = "transfer";

    /// <summary>The state name of job grain.</summary>
    public const string JobState = "transfer-job";

    /// <summary>The state name of an upload session grain (the silo's BITS upload server).</summary>
    public const string UploadSession = "upload-session";

    /// <summary>The state name of the upload server's session index grain.</summary>
    public const string UploadSessionIndex = "upload-session-index";

    /// <summary>The ServiceId every silo of this product uses; rows in storage are keyed by it.</summary>
    public const string ServiceId = "orleans-transfer";
}
