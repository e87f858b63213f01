namespace Orleans.Transfer.Worker;

/// <summary>An upload's session on a BITS upload server, persisted with the file's checkpoint.</summary>
/// <param name="SessionId">The server's BITS-Session-Id, echoed verbatim (at most 100 characters).</param>
/// <param name="HostId">
/// The server's BITS-Host-Id: the host every later packet goes to (port and scheme of the upload URL kept); null when
/// the server named none or the client fell back to the URL's own host.
/// </param>
/// <param name="HostIdFallbackSeconds">BITS-Host-Id-Fallback-Timeout, or null: never fall back to the URL's host.</param>
public sealed record UploadSessionRef(string SessionId, string? HostId, int? HostIdFallbackSeconds);
