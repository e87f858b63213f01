using System.ComponentModel.DataAnnotations;

namespace Orleans.Transfer.Worker.OwnerFiles;

/// <summary>Whose rights a job's files are touched with (configuration section <see cref="SectionName"/>).</summary>
public sealed class OwnerFileAccessOptions
{
    /// <summary>The configuration section: <c>Transfer:Security</c>, shared with the local API's settings.</summary>
    public const string SectionName = "Transfer:Security";

    /// <summary>
    /// The local account (a user name) whose rights govern the files of jobs whose owner is neither
    /// <c>unix:&lt;uid&gt;</c> nor a local user name: the owners a trusted service names through the Orleans gateway.
    /// Default: null, the service's own account (root for the system service), as trusted as the service itself. Must
    /// name an existing user. Linux only; on Windows such owners are refused.
    /// </summary>
    public string? TrustedServiceAccount { get; set; }

    /// <summary>
    /// Threads that make file operations as an owner (Linux, when the service runs as root). Default 4 (1 to 64). Only
    /// opening, renaming and deleting use them, not reading and writing, so a few serve many transfers.
    /// </summary>
    [Range(1, 64)]
    public int FileThreads { get; set; } = 4;
}
