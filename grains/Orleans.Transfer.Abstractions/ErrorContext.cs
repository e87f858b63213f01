namespace Orleans.Transfer;

/// <summary>Where an error came from (BITS <c>BG_ERROR_CONTEXT</c>).</summary>
public enum ErrorContext
{
    /// <summary>No error.</summary>
    None = 0,

    /// <summary>The local file or its directory.</summary>
    LocalFile = 1,

    /// <summary>The remote file: an HTTP status or a server that changed the content.</summary>
    RemoteFile = 2,

    /// <summary>The network: DNS, connection, TLS, a dropped or truncated response.</summary>
    Transport = 3,

    /// <summary>The service itself.</summary>
    QueueManager = 4,

    /// <summary>A notification program or webhook.</summary>
    Notification = 5,

    /// <summary>The server application behind an upload.</summary>
    RemoteApplication = 6,
}
