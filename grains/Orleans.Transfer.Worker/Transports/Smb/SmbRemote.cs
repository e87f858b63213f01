using Orleans.Transfer.Diagnostics;

namespace Orleans.Transfer.Worker;

/// <summary>One run's remote file on a share, with what its failures name.</summary>
/// <param name="Location">The file.</param>
/// <param name="Credential">The job's credential for the server, or null to connect anonymously.</param>
/// <param name="JobId">The job, named in advice such as <c>xfer job set-credentials</c>.</param>
/// <param name="Direction">Download: the share holds the source; Upload: the destination.</param>
internal sealed record SmbRemote(SmbLocation Location, SmbCredential? Credential, Guid JobId, TransferDirection Direction)
{
    /// <summary>The smb URL, which never carries a password: for logs and messages.</summary>
    public string Url => Location.ToUrl();

    /// <summary>The exception to throw for <paramref name="exception"/> while doing <paramref name="action"/> on <paramref name="file"/>.</summary>
    public Exception Fail(string action, SmbException exception, SmbLocation? file = null) =>
        SmbFailures.For(action, (file ?? Location).ToUrl(), exception, this);
}
