namespace Orleans.Transfer;

/// <summary>The direction of a job (BITS <c>BG_JOB_TYPE</c>).</summary>
public enum JobType
{
    /// <summary>Server to client, any number of files.</summary>
    Download = 0,

    /// <summary>Client to server, exactly one file, over the BITS upload protocol (B03).</summary>
    Upload = 1,

    /// <summary>Upload one file, then download the server application's reply (B41, B52, B107).</summary>
    UploadReply = 2,
}
