namespace Orleans.Transfer.Worker;

/// <summary>A remote name accepted by <see cref="ITransportRegistry.Resolve"/>.</summary>
/// <param name="RemoteName">The normalised remote name to store: http(s) URLs as given, local paths as file URLs, UNC paths as smb URLs.</param>
/// <param name="Transport">The name of the transport that will read it (<c>http</c>, <c>file</c>, <c>smb</c>, ...).</param>
/// <param name="SupportsRanges">False when the transport moves whole files only (SMB): the file may not name byte ranges.</param>
public sealed record ResolvedRemote(string RemoteName, string Transport, bool SupportsRanges = true);
