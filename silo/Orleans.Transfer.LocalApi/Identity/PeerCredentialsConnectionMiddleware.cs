using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Orleans.Transfer.Platform.Unix;

namespace Orleans.Transfer.LocalApi.Identity;

/// <summary>Kestrel connection middleware: reads the peer's credentials once, when the connection is accepted.</summary>
internal static class PeerCredentialsConnectionMiddleware
{
    /// <summary>
    /// Adds <see cref="PeerCredentialsFeature"/> to each accepted connection that has credentials; a connection without
    /// them gets none, and its requests are answered NotAuthenticated.
    /// </summary>
    public static void UsePeerCredentials(this ListenOptions listen) =>
        listen.Use(next => connection =>
        {
            if (connection.Features.Get<IConnectionSocketFeature>()?.Socket is { } socket
                && PeerCredentials.TryRead(socket) is { } peer)
            {
                connection.Features.Set(new PeerCredentialsFeature(peer));
            }

            return next(connection);
        });
}
