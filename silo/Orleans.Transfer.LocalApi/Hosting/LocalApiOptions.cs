namespace Orleans.Transfer.LocalApi.Hosting;

/// <summary>Who administers the service through the local API (configuration section <c>Transfer:Security</c>).</summary>
public sealed class LocalApiOptions
{
    public const string SectionName = "Transfer:Security";

    /// <summary>
    /// A Unix group whose members are administrators besides root: they see and act on every owner's jobs, change the
    /// bandwidth policy and stop the service. Default: null, only root. Must name an existing group. Not supported on
    /// Windows, where administrators are the Administrators group.
    /// </summary>
    public string? AdminGroup { get; set; }
}
