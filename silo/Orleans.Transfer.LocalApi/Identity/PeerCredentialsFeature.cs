using Orleans.Transfer.Platform.Unix;

namespace Orleans.Transfer.LocalApi.Identity;

/// <summary>
/// Set on a connection's features when it is accepted. Kestrel's request features fall back to the connection's, so
/// <c>HttpContext.Features.Get&lt;PeerCredentialsFeature&gt;()</c> finds it on every request of that connection.
/// </summary>
/// <param name="credentials">The peer, read once per connection.</param>
public sealed class PeerCredentialsFeature(PeerCredentials credentials)
{
    /// <summary>The peer, read once per connection.</summary>
    public PeerCredentials Credentials { get; } = credentials;
}
