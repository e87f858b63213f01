using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using Orleans.Transfer.Uploads.Files;
using Orleans.Transfer.Uploads.Protocol;

namespace Orleans.Transfer.Uploads.Authentication;

/// <summary>
/// Who is uploading, per the directory's <see cref="BitsAuthentication"/>: nobody (anonymous), the Basic user checked
/// against the password file (only over TLS, or on loopback where nothing crosses a network), or the hosting app's
/// authenticated user. The name is stored with a session, which only that user may continue.
/// </summary>
internal static class UploadAuthenticator
{
    /// <summary>Null when the request may go on, with <paramref name="user"/> set; otherwise the refusal to send.</summary>
    public static BitsAck? Authenticate(HttpContext context, UploadDirectory directory, out string? user)
    {
        user = null;
        switch (directory.Options.Authentication)
        {
            case BitsAuthentication.Host:
                // Fails closed: an app that forgot RequireAuthorization, or a user without a name, would otherwise upload
                // anonymously and share the anonymous user's sessions.
                if (context.User.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name })
                {
                    user = name;
                    return null;
                }

                return BitsAck.Fail(StatusCodes.Status401Unauthorized, BitsErrors.AccessDenied, "the app authenticated no named user for this directory");
            case BitsAuthentication.Basic:
                if (!context.Request.IsHttps && !IsLoopback(context))
                {
                    return BitsAck.AccessDenied("Basic authentication is refused over plain http from another machine");
                }

                if (TryReadBasic(context.Request, out var basicUser, out var password) && directory.Passwords!.Verify(basicUser, password))
                {
                    user = basicUser;
                    return null;
                }

                return BitsAck.Fail(StatusCodes.Status401Unauthorized, BitsErrors.AccessDenied, "missing or wrong credentials")
                    .With(HeaderNames.WWWAuthenticate, $"Basic realm=\"{directory.Path}\", charset=\"UTF-8\"");
            default:
                return null;
        }
    }

    private static bool IsLoopback(HttpContext context) =>
        context.Connection.RemoteIpAddress is { } address && IPAddress.IsLoopback(address);

    private static bool TryReadBasic(HttpRequest request, out string user, out string password)
    {
        user = password = "";
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                return false;
            }

            user = text[..colon];
            password = text[(colon + 1)..];
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
