namespace Orleans.Transfer.Uploads.Sessions;

/// <summary>Where an upload session is. Stored by value: members keep their numbers.</summary>
public enum UploadSessionPhase
{
    /// <summary>Created or receiving fragments; the partial file holds <see cref="UploadSession.ReceivedBytes"/>.</summary>
    Receiving = 0,

    /// <summary>The last byte arrived and the file is at its final name (and the application notified, for upload-reply).</summary>
    Committed = 1,

    /// <summary>Upload-reply: the application's reply is ready at the reply URL.</summary>
    ReplyReady = 2,
}
