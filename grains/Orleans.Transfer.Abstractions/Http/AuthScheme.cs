namespace Orleans.Transfer.Http;

/// <summary>An HTTP authentication scheme (BITS <c>BG_AUTH_SCHEME</c>; Passport is not offered).</summary>
public enum AuthScheme
{
    /// <summary>RFC 7617: the password travels base64-encoded, so use it over https or to a trusted proxy only.</summary>
    Basic = 1,

    /// <summary>RFC 7616: MD5 or SHA-256, with qop auth or auth-int.</summary>
    Digest = 2,

    /// <summary>NTLM, through GSSAPI on Linux (docs/http-options.md says what it needs).</summary>
    Ntlm = 3,

    /// <summary>SPNEGO: Kerberos where the platform has a ticket for it, else NTLM.</summary>
    Negotiate = 4,
}
