namespace Orleans.Transfer.Worker;

/// <summary>A share connected with a job's credential (WNetAddConnection2), and who is using it.</summary>
internal sealed class WindowsShareConnection(string share, SmbCredential credential)
{
    public string Share { get; } = share;

    public SmbCredential Credential { get; } = credential;

    /// <summary>Open files and calls in progress, which keep the connection from the idle sweep.</summary>
    public int Users { get; set; }

    public DateTimeOffset LastUsed { get; set; }
}
