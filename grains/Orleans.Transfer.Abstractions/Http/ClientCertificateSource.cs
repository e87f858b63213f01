namespace Orleans.Transfer.Http;

/// <summary>Where a job's client certificate comes from.</summary>
public enum ClientCertificateSource
{
    /// <summary>A PKCS#12 (.pfx, .p12) file with its private key, optionally password-protected.</summary>
    Pkcs12File = 1,

    /// <summary>A PEM certificate file and a PEM private-key file (the key optionally encrypted).</summary>
    PemFiles = 2,

    /// <summary>
    /// The owner's certificate store by thumbprint or subject (BITS <c>SetClientCertificateByID|ByName</c>): Windows
    /// only, since on Linux an X509Store belongs to the service's account.
    /// </summary>
    Store = 3,
}
