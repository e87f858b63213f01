using Orleans.Transfer.Uploads.Files;

namespace Orleans.Transfer.Uploads;

/// <summary>The rules for one virtual directory, shared by the server options' validator and <c>MapBitsUploads</c>.</summary>
internal static class BitsVirtualDirectoryOptionsValidator
{
    /// <summary>What is wrong with <paramref name="directory"/>, one message per problem naming the field; empty when nothing.</summary>
    public static IEnumerable<string> Validate(BitsVirtualDirectoryOptions directory)
    {
        var name = $"Upload directory '{directory.Path}'";
        if (!directory.Path.StartsWith('/') || directory.Path.EndsWith('/')
            || directory.Path.Split('/', StringSplitOptions.RemoveEmptyEntries) is not { Length: > 0 } segments
            || segments.Any(s => UploadPath.Refusal(s) is not null) || directory.Path.Contains("//", StringComparison.Ordinal))
        {
            yield return $"{name}: Path must start with '/', have no trailing '/', and be plain names (e.g. /uploads).";
        }

        if (string.IsNullOrWhiteSpace(directory.Root) || !Path.IsPathFullyQualified(directory.Root))
        {
            yield return $"{name}: Root must be an absolute directory path.";
        }

        if (directory.MaxFileBytes is < 0)
        {
            yield return $"{name}: MaxFileBytes must be null (no limit) or at least 0.";
        }

        if (directory.MaxFragmentBytes < 1)
        {
            yield return $"{name}: MaxFragmentBytes must be at least 1 (default 64 MiB).";
        }

        if (directory.SessionTimeout <= TimeSpan.Zero)
        {
            yield return $"{name}: SessionTimeout must be positive (default 14 days).";
        }

        if (!Enum.IsDefined(directory.NotificationType))
        {
            yield return $"{name}: NotificationType must be None, ByReference or ByValue.";
        }
        else if (directory.NotificationType != BitsNotificationType.None
            && (directory.NotificationUrl is not { Length: > 0 and <= 2200 } url
                || !Uri.TryCreate(url, UriKind.RelativeOrAbsolute, out var uri)
                || (uri.IsAbsoluteUri && uri.Scheme is not ("http" or "https"))))
        {
            yield return $"{name}: NotificationUrl must be an http(s) URL, absolute or relative to the upload's, of at most 2,200 characters, when NotificationType is not None.";
        }

        if (directory.NotificationTimeout <= TimeSpan.Zero)
        {
            yield return $"{name}: NotificationTimeout must be positive (default 5 minutes).";
        }

        if (directory.HostId is { } host && (host.Length == 0 || host.Any(char.IsWhiteSpace)))
        {
            yield return $"{name}: HostId must be a host name without spaces, or null.";
        }

        if (directory.HostIdFallbackTimeout is { } fallback && (fallback < TimeSpan.Zero || directory.HostId is null))
        {
            yield return $"{name}: HostIdFallbackTimeout must be at least 0 and needs HostId.";
        }

        if (!Enum.IsDefined(directory.Authentication))
        {
            yield return $"{name}: Authentication must be Anonymous, Basic or Host.";
        }
        else if (directory.Authentication == BitsAuthentication.Basic && (directory.PasswordFile is null || !File.Exists(directory.PasswordFile)))
        {
            yield return $"{name}: PasswordFile must name an existing file of 'user:hash' lines (write it with 'xfer upload-user') when Authentication is Basic.";
        }
    }
}
