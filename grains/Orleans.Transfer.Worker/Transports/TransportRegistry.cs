using Orleans.Transfer.Diagnostics;

namespace Orleans.Transfer.Worker;

/// <summary>
/// Maps each (scheme, direction) to the one transport that claims it; built once from the registered transports,
/// whose <see cref="IDownloadTransport"/> and <see cref="IUploadTransport"/> say which directions they serve.
/// </summary>
internal sealed class TransportRegistry : ITransportRegistry
{
    private readonly Dictionary<string, ITransport> _downloads = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, ITransport> _uploads = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _schemes = [];

    public TransportRegistry(IEnumerable<ITransport> transports)
    {
        ArgumentNullException.ThrowIfNull(transports);
        foreach (var transport in transports)
        {
            if (transport is not (IDownloadTransport or IUploadTransport))
            {
                throw new InvalidOperationException(
                    $"The transport '{transport.Name}' neither downloads nor uploads; implement {nameof(IDownloadTransport)}, {nameof(IUploadTransport)} or both.");
            }

            foreach (var scheme in transport.Schemes)
            {
                if (transport is IDownloadTransport)
                {
                    Claim(TransferDirection.Download, scheme, transport);
                }

                if (transport is IUploadTransport)
                {
                    Claim(TransferDirection.Upload, scheme, transport);
                }

                if (!_schemes.Contains(scheme, StringComparer.OrdinalIgnoreCase))
                {
                    _schemes.Add(scheme);
                }
            }
        }
    }

    public IReadOnlyList<string> Schemes => _schemes;

    public ResolvedRemote Resolve(string? remoteUrl, string field, TransferDirection direction = TransferDirection.Download)
    {
        if (string.IsNullOrWhiteSpace(remoteUrl))
        {
            var give = direction == TransferDirection.Upload ? "the URL to upload to" : "the URL to download";
            throw new TransferJobException(TransferErrorCode.InvalidUrl, $"{field} is required: give {give}.", field);
        }

        if (remoteUrl.Length > JobLimits.MaxUrlLength)
        {
            throw new TransferJobException(
                TransferErrorCode.UrlTooLong,
                $"{field} is {remoteUrl.Length} characters; the limit is {JobLimits.MaxUrlLength}.",
                field);
        }

        RemoteAddress address;
        if (SmbNames.IsUncPath(remoteUrl))
        {
            if (!SmbLocation.TryParse(remoteUrl, out var share, out var problem))
            {
                throw new TransferJobException(TransferErrorCode.InvalidUrl, $"{field} '{remoteUrl}' {problem}.", field);
            }

            address = UncAddress(remoteUrl, share);
        }
        else if (Path.IsPathFullyQualified(remoteUrl) && !remoteUrl.Contains("://", StringComparison.Ordinal))
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
                $"{field} '{Redact(remoteUrl)}' is not an absolute URL; use {List(direction, suffix: "://")}.",
                field);
        }

        var scheme = address.Uri.Scheme;
        if (!ClaimsOf(direction).TryGetValue(scheme, out var transport))
        {
            throw new TransferJobException(
                TransferErrorCode.UnsupportedScheme,
                $"{field} {Unsupported(scheme, direction)}",
                field);
        }

        return new ResolvedRemote(transport.Normalize(address, field), transport.Name, transport.SupportsRanges);
    }

    /// <summary>
    /// Resolves a request's remote name (validated when the file was added) for a run in <paramref name="direction"/>;
    /// throws a fatal <see cref="TransferFailedException"/> when it is unusable. Lenient where job input is strict: a
    /// file URL on another host (a network share) goes to the file transport. A UNC path goes to smb, as in
    /// <see cref="Resolve"/>.
    /// </summary>
    public RemoteEndpoint ResolveForTransfer(string remoteUrl, TransferDirection direction = TransferDirection.Download)
    {
        if (SmbNames.IsUncPath(remoteUrl))
        {
            // A UNC path that is not a valid share path fails here: Uri parsing would collapse its dot segments.
            return SmbLocation.TryParse(remoteUrl, out var share, out var problem)
                ? Endpoint(UncAddress(remoteUrl, share), direction)
                : throw new TransferFailedException(new TransferFailure(
                    TransferErrorCode.InvalidUrl,
                    ErrorContext.RemoteFile,
                    $"The remote name {problem}; fix it and resume the job.",
                    HttpStatus: null,
                    IsTransient: false));
        }

        // Checked before Uri parsing, which would take "/x/y" for a file URL on Unix anyway but not "C:\x" everywhere.
        var isLocalPath = Path.IsPathFullyQualified(remoteUrl);
        if (!Uri.TryCreate(remoteUrl, UriKind.Absolute, out var uri))
        {
            throw new TransferFailedException(new TransferFailure(
                TransferErrorCode.InvalidUrl,
                ErrorContext.RemoteFile,
                $"The remote URL is not an absolute {List(direction, suffix: string.Empty)} URL; fix the URL and resume the job.",
                HttpStatus: null,
                IsTransient: false));
        }

        return Endpoint(new RemoteAddress(remoteUrl, uri, isLocalPath), direction);
    }

    /// <summary>
    /// A UNC path (<c>\\host\share\dir\file</c>) names a file on an SMB share, on every OS: its address is the smb
    /// URL of the same file, so it goes to the transport that claims smb.
    /// </summary>
    private static RemoteAddress UncAddress(string remote, SmbLocation share) =>
        new(remote, new Uri(share.ToUrl()), IsLocalPath: false);

    private RemoteEndpoint Endpoint(RemoteAddress address, TransferDirection direction)
    {
        var scheme = address.IsLocalPath ? Uri.UriSchemeFile : address.Uri.Scheme;
        if (!ClaimsOf(direction).TryGetValue(scheme, out var transport))
        {
            var message = ClaimsOf(Other(direction)).ContainsKey(scheme)
                ? $"The remote URL {Unsupported(scheme, direction)}"
                : $"The URL scheme '{scheme}' is not supported; use {List(direction, suffix: string.Empty)}.";
            throw new TransferFailedException(new TransferFailure(
                TransferErrorCode.UnsupportedScheme,
                ErrorContext.RemoteFile,
                message,
                HttpStatus: null,
                IsTransient: false));
        }

        return new RemoteEndpoint(transport, address, direction);
    }

    private static TransferDirection Other(TransferDirection direction) =>
        direction == TransferDirection.Upload ? TransferDirection.Download : TransferDirection.Upload;

    private static string Verb(TransferDirection direction) => direction == TransferDirection.Upload ? "upload" : "download";

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

    private Dictionary<string, ITransport> ClaimsOf(TransferDirection direction) =>
        direction == TransferDirection.Upload ? _uploads : _downloads;

    private void Claim(TransferDirection direction, string scheme, ITransport transport)
    {
        if (!ClaimsOf(direction).TryAdd(scheme, transport))
        {
            throw new InvalidOperationException(
                $"The transports '{ClaimsOf(direction)[scheme].Name}' and '{transport.Name}' both claim the scheme '{scheme}' for {Verb(direction)}s.");
        }
    }

    /// <summary>Why <paramref name="scheme"/> cannot be used in <paramref name="direction"/>, after the field's name.</summary>
    private string Unsupported(string scheme, TransferDirection direction)
    {
        if (!ClaimsOf(Other(direction)).TryGetValue(scheme, out var other))
        {
            return $"uses the scheme '{scheme}', which is not supported; use {List(direction, suffix: string.Empty)}.";
        }

        var alternatives = ClaimsOf(direction).Count == 0
            ? $", and no registered transport can {Verb(direction)}"
            : $"; to {Verb(direction)} use {List(direction, suffix: string.Empty)}";
        return $"uses the scheme '{scheme}', whose transport '{other.Name}' can only {Verb(Other(direction))}{alternatives}.";
    }

    /// <summary>"http, https or file" for <paramref name="direction"/>, each scheme followed by <paramref name="suffix"/>.</summary>
    private string List(TransferDirection direction, string suffix)
    {
        string[] schemes = [.. ClaimsOf(direction).Keys];
        return schemes.Length switch
        {
            0 => "a registered scheme",
            1 => schemes[0] + suffix,
            _ => string.Join(", ", schemes[..^1].Select(s => s + suffix)) + " or " + schemes[^1] + suffix,
        };
    }
}
