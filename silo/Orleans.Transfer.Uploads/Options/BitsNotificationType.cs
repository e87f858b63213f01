namespace Orleans.Transfer.Uploads;

/// <summary>How the server application hears of a finished upload (BITSServerNotificationType); numbers as IIS's.</summary>
public enum BitsNotificationType
{
    /// <summary>No application: the file lands at its URL and the job is a plain upload.</summary>
    None = 0,

    /// <summary>POST with the upload's and the reply's file paths in headers; the application writes the reply file.</summary>
    ByReference = 1,

    /// <summary>POST with the uploaded file as the body; the response body is the reply.</summary>
    ByValue = 2,
}
