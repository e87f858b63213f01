namespace Orleans.Transfer.Http;

/// <summary>Who a credential is for (BITS <c>BG_AUTH_TARGET</c>).</summary>
public enum AuthTarget
{
    /// <summary>The HTTP server that serves the job's files (401).</summary>
    Server = 1,

    /// <summary>The proxy the job goes through (407).</summary>
    Proxy = 2,
}
