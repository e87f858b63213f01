namespace Orleans.Transfer;

/// <summary>The direction of a job (BITS <c>BG_JOB_TYPE</c>).</summary>
public enum JobType
{
    /// <summary>Server to client, any number of files.</summary>
    Download = 0,

    /// <summary>Client to server, exactly one file (not yet supported).</summary>
    Upload = 1,

    /// <summary>Upload one file, then download the server's reply (not yet supported).</summary>
    UploadReply = 2,
}
