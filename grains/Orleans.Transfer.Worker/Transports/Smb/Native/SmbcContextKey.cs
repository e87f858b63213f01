namespace Orleans.Transfer.Worker;

/// <summary>
/// What one libsmbclient context serves: a credential on one server and port. libsmbclient caches its connections by
/// server name, share and user but not by port, so two servers on one host must never share a context.
/// </summary>
/// <param name="Credential">The credential, or the anonymous one.</param>
/// <param name="Host">The server.</param>
/// <param name="Port">The port, or null for SMB's default.</param>
internal sealed record SmbcContextKey(SmbCredential Credential, string Host, int? Port);
