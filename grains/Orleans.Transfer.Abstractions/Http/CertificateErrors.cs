namespace Orleans.Transfer.Http;

/// <summary>Classes of server-certificate error a job may ignore (BITS <c>BG_SSL_IGNORE_*</c>); none by default.</summary>
[Flags]
public enum CertificateErrors
{
    /// <summary>Ignore nothing: browser-style validation.</summary>
    None = 0,

    /// <summary>The certificate names another host (BG_SSL_IGNORE_CERT_CN_INVALID).</summary>
    NameMismatch = 1,

    /// <summary>The certificate is expired or not yet valid (BG_SSL_IGNORE_CERT_DATE_INVALID).</summary>
    DateInvalid = 2,

    /// <summary>The certificate chains to a root this machine does not trust (BG_SSL_IGNORE_UNKNOWN_CA).</summary>
    UnknownAuthority = 4,

    /// <summary>The certificate is not for server authentication (BG_SSL_IGNORE_CERT_WRONG_USAGE).</summary>
    WrongUsage = 8,
}
