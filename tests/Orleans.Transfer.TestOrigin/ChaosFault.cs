namespace Orleans.Transfer.TestOrigin;

/// <summary>A fault <see cref="FaultPlan"/> can inject into one response.</summary>
public enum ChaosFault
{
    /// <summary>Reset the connection (RST) after a random number of body bytes.</summary>
    Reset = 0,

    /// <summary>Send nothing for <see cref="FaultPlan.StallDuration"/> after a random number of body bytes, then go on.</summary>
    Stall = 1,

    /// <summary>Send a random prefix of the body under the full Content-Length, then close cleanly (FIN).</summary>
    Truncate = 2,

    /// <summary>503 with Retry-After <see cref="FaultPlan.RetryAfter"/>.</summary>
    ServiceUnavailable = 3,

    /// <summary>500 with no body.</summary>
    InternalServerError = 4,

    /// <summary>416 to a request that carries Range (a resuming client treats it as a shorter file and restarts).</summary>
    RangeNotSatisfiable = 5,

    /// <summary>
    /// Replace the file with new content of the same length (new ETag) after a random number of body bytes, then reset;
    /// at most <see cref="FaultPlan.MaxContentChangesPerFile"/> times per file.
    /// </summary>
    ChangeContent = 6,

    /// <summary>Answer 200 with the whole body even though Range was asked for.</summary>
    IgnoreRange = 7,

    /// <summary>302 to an alias of the same file, served without faults.</summary>
    Redirect = 8,

    /// <summary>302 to a URL that redirects to itself forever.</summary>
    RedirectLoop = 9,

    /// <summary>Answer a whole-file request with a gzip body (Content-Encoding: gzip) although the client asked for identity.</summary>
    Gzip = 10,
}
