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
    /// opening, renaming and deleting use them, not reading and writing, so a few serve many transfers; an operation
    /// for the service's own identity needs no switch and runs on the thread pool instead.
    /// </summary>
    [Range(1, 64)]
    public int FileThreads { get; set; } = 4;

    /// <summary>
    /// How long an owner's identity (user, primary group and supplementary groups, read with getpwuid and
    /// getgrouplist) is reused for that owner's file operations before it is read again. Default 5 seconds; zero reads
    /// it for every operation; at most one minute, so that a user removed from a group loses that group's rights on
    /// the service's file operations within this time. The same time bounds how long a directory the create-time check
    /// found writable is remembered for that identity (docs/security.md). Linux only.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan IdentityCacheTime { get; set; } = TimeSpan.FromSeconds(5);
}
