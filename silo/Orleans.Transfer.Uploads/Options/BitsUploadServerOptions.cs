namespace Orleans.Transfer.Uploads;

/// <summary>
/// The silo's BITS upload server (section <c>Transfer:Uploads</c>; <c>XFER_UPLOAD_ROOT</c> alone makes one anonymous
/// directory <c>/uploads</c>, <c>XFER_UPLOAD_PORT</c> sets <see cref="Port"/>). Off while <see cref="Directories"/> is empty.
/// </summary>
public sealed class BitsUploadServerOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Transfer:Uploads";

    /// <summary>The TCP port. Default 8470.</summary>
    public int Port { get; set; } = 8470;

    /// <summary>The address to listen on. Default 127.0.0.1; any other address needs <see cref="CertificatePath"/>.</summary>
    public string ListenAddress { get; set; } = "127.0.0.1";

    /// <summary>A PKCS#12 file with the server certificate and key for https; null: plain http (loopback only).</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The most sessions open at once, all directories together (BITSNumberOfSessionsLimit); more get 503. Default 1,000.</summary>
    public int MaxSessions { get; set; } = 1000;

    /// <summary>How often timed-out sessions are looked for and deleted. Default 1 minute.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long a packet's write lease on its session lasts unless renewed (renewed every third of it while the packet
    /// is written). A fragment, commit, Close or Cancel takes the lease first, so packets of one session reaching
    /// different processes are applied one at a time; one that finds the lease taken waits up to one and a half leases,
    /// then gets 503. A holder that died frees it after this long. From 5 seconds to 10 minutes; default 30 seconds.
    /// </summary>
    public TimeSpan SessionLease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The virtual directories.</summary>
    public List<BitsVirtualDirectoryOptions> Directories { get; set; } = [];
}
