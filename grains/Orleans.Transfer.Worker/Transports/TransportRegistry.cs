namespace Orleans.Transfer.Worker;

/// <summary>Maps each scheme to the one transport that claims it; built once from the registered transports.</summary>
internal sealed class TransportRegistry : ITransportRegistry
{
    private readonly Dictionary<string, ITransport> _bySchemes = new(StringComparer.OrdinalIgnoreCase);
    private readonly string[] _schemes;

    public TransportRegistry(IEnumerable<ITransport> transports)
    {
        ArgumentNullException.ThrowIfNull(transports);
        foreach (var transport in transports)
        {
            foreach (var scheme in transport.Schemes)
            {
                if (!_bySchemes.TryAdd(scheme, transport))
                {
                    throw new InvalidOperationException(
                        $"The transports '{_bySchemes[scheme].Name}' and '{transport.Name}' both claim the scheme '{scheme}'.");
                }
            }
        }

        _schemes = [.. _bySchemes.Keys];
    }

    public IReadOnlyList<string> Schemes => _schemes;

    public ResolvedRemote Resolve(string? remoteUrl, string field)
    {
        if (string.IsNullOrWhiteSpace(remoteUrl))
        {
            throw new TransferJobException(TransferErrorCode.InvalidUrl, $"{field} is required: give the URL to download.", field);
        }

        if (remoteUrl.Length > JobLimits.MaxUrlLength)
        {
            throw new TransferJobException(
                TransferErrorCode.UrlTooLong,
                $"{field} is {remoteUrl.Length} characters; the limit is {JobLimits.MaxUrlLength}.",
                field);
        }

        RemoteAddress address;
        if (Path.IsPathFullyQualified(remoteUrl) && !remoteUrl.Contains("://", StringComparison.Ordinal))
        {
            address = new RemoteAddress(remoteUrl, new Uri(Path.GetFullPath(remoteUrl)), IsLocalPath: true);
        }
        else if (Uri.TryCreate(remoteUrl, UriKind.Absolute, out var uri))
        {
            address = new RemoteAddress(remoteUrl, uri, IsLocalPath: false);
        }
        else
        {
            throw new TransferJobException(
                TransferErrorCode.InvalidUrl,
                $"{field} '{Redact(remoteUrl)}' is not an absolute URL; use {List(suffix: "://")}.",
                field);
        }

        if (!_bySchemes.TryGetValue(address.Uri.Scheme, out var transport))
        {
            throw new TransferJobException(
                TransferErrorCode.UnsupportedScheme,
                $"{field} uses the scheme '{address.Uri.Scheme}', which is not supported; use {List(suffix: string.Empty)}.",
                field);
        }

        return new ResolvedRemote(transport.Normalize(address, field), transport.Name);
    }

    /// <summary>
    /// Resolves a request's remote name (validated when the file was added) for a run; throws a fatal
    /// <see cref="TransferFailedException"/> when it is unusable. Lenient where job input is strict: a file URL on
    /// another host (a network share) goes to the file transport.
    /// </summary>
    public RemoteSource ResolveForTransfer(string remoteUrl)
    {
        // Checked before Uri parsing, which would take "/x/y" for a file URL on Unix anyway but not "C:\x" everywhere.
        var isLocalPath = Path.IsPathFullyQualified(remoteUrl);
        if (!Uri.TryCreate(remoteUrl, UriKind.Absolute, out var uri))
        {
            throw new TransferFailedException(new TransferFailure(
                TransferErrorCode.InvalidUrl,
                ErrorContext.RemoteFile,
                $"The remote URL is not an absolute {List(suffix: string.Empty)} URL; fix the URL and resume the job.",
                HttpStatus: null,
                IsTransient: false));
        }

        var scheme = isLocalPath ? Uri.UriSchemeFile : uri.Scheme;
        if (!_bySchemes.TryGetValue(scheme, out var transport))
        {
            throw new TransferFailedException(new TransferFailure(
                TransferErrorCode.UnsupportedScheme,
                ErrorContext.RemoteFile,
                $"The URL scheme '{scheme}' is not supported; use {List(suffix: string.Empty)}.",
                HttpStatus: null,
                IsTransient: false));
        }

        return new RemoteSource(transport, new RemoteAddress(remoteUrl, uri, isLocalPath));
    }

    /// <summary>Hides credentials in a URL before it goes into a message.</summary>
    private static string Redact(string url)
    {
        var scheme = url.IndexOf("://", StringComparison.Ordinal);
        var at = url.IndexOf('@', StringComparison.Ordinal);
        var pathStart = scheme < 0 ? -1 : url.IndexOf('/', scheme + 3);
        return scheme >= 0 && at > scheme && (pathStart < 0 || at < pathStart)
            ? string.Concat(url.AsSpan(0, scheme + 3), "***", url.AsSpan(at))
            : url;
    }

    /// <summary>"http, https or file", each scheme followed by <paramref name="suffix"/>.</summary>
    private string List(string suffix) => _schemes.Length switch
    {
        0 => "a registered scheme",
        1 => _schemes[0] + suffix,
        _ => string.Join(", ", _schemes[..^1].Select(s => s + suffix)) + " or " + _schemes[^1] + suffix,
    };
}
