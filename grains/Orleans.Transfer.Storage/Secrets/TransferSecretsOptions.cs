namespace Orleans.Transfer.Storage.Secrets;

/// <summary>Where the keys that encrypt stored secrets live (configuration section <c>Transfer:Security</c>).</summary>
public sealed class TransferSecretsOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "Transfer:Security";

    /// <summary>The name of the key directory inside the data directory when <see cref="KeyDirectory"/> is not set.</summary>
    public const string DefaultKeyDirectoryName = "keys";

    /// <summary>
    /// The Data Protection key ring's directory. Every silo of a cluster must use the same keys: point them all at one
    /// shared directory (or copy it, and copy it again after a key rotation, every 90 days). Made 0700 with files
    /// 0600 on Linux; on Windows the keys are encrypted with DPAPI for the service account. Default: null, meaning
    /// <c>keys</c> in the data directory (<c>$XFER_HOME/keys</c>). Environment: <c>Transfer__Security__KeyDirectory</c>.
    /// </summary>
    public string? KeyDirectory { get; set; }

    /// <summary>The key directory as configured, else <see cref="DefaultKeyDirectoryName"/> under <paramref name="dataDirectory"/>.</summary>
    /// <param name="dataDirectory">The service's data directory.</param>
    public string ResolveKeyDirectory(string dataDirectory) =>
        Path.GetFullPath(string.IsNullOrWhiteSpace(KeyDirectory) ? Path.Combine(dataDirectory, DefaultKeyDirectoryName) : KeyDirectory);
}
