namespace Orleans.Transfer.Http;

/// <summary>What a job does when a server redirects (BITS <c>BG_HTTP_REDIRECT_POLICY_*</c>). An https → http redirect is always refused.</summary>
public enum RedirectPolicy
{
    /// <summary>Follow silently (the default).</summary>
    Allow = 0,

    /// <summary>Follow, and show the final URL in the file's info (<see cref="JobFileInfo.FinalUrl"/>).</summary>
    Report = 1,

    /// <summary>Refuse: the job goes to Error (RedirectRefused) with the redirect's location in the message.</summary>
    Deny = 2,
}
