namespace Orleans.Transfer.PowerShell;

/// <summary>One file of a job, with BitsFile's property names.</summary>
public sealed class XferFile
{
    internal XferFile(JobFileInfo file)
    {
        RemoteName = file.RemoteUrl;
        LocalName = file.LocalPath;
        BytesTotal = file.BytesTotal;
        BytesTransferred = file.BytesTransferred;
        IsTransferComplete = file.Completed;
    }

    /// <summary>The source: a URL, a share or a local path (shown without user info to an administrator reading another owner's job).</summary>
    public string RemoteName { get; }

    /// <summary>The destination path.</summary>
    public string LocalName { get; }

    /// <summary>The file's size, or null while unknown.</summary>
    public long? BytesTotal { get; }

    /// <summary>Bytes transferred so far.</summary>
    public long BytesTransferred { get; }

    /// <summary>True once the whole file is transferred.</summary>
    public bool IsTransferComplete { get; }

    /// <inheritdoc />
    public override string ToString() => $"{RemoteName} -> {LocalName}";
}
