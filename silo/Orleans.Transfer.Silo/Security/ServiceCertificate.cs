using System.Security.Cryptography.X509Certificates;

namespace Orleans.Transfer.Silo.Security;

/// <summary>The certificate the silo presents and trusts, with where it came from.</summary>
/// <param name="Certificate">The certificate, with its private key.</param>
/// <param name="Path">The .pfx file it was loaded from.</param>
/// <param name="PublicPath">The .crt file with its public part, for clients to pin.</param>
/// <param name="Created">True when this start created it.</param>
public sealed record ServiceCertificate(X509Certificate2 Certificate, string Path, string PublicPath, bool Created);
