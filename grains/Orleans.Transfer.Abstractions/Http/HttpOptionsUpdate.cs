using System.Text;

namespace Orleans.Transfer.Http;

/// <summary>
/// Changes to a job's HTTP options; null members are left as they are. A change applies from the job's next request.
/// <see cref="ToString"/> leaves header values out: they may carry tokens.
/// </summary>
/// <param name="CustomHeaders">
/// <c>Name: value</c> lines sent on every request of the job (BITS <c>SetCustomHeaders</c>), replacing the ones set
/// before; an empty list clears them. At most 16,384 characters with a CR LF after each; never a header of
/// <see cref="HttpLimits.TransportHeaders"/>. Stored encrypted; callers see only the names.
/// </param>
/// <param name="Proxy">The proxy settings.</param>
/// <param name="Redirects">The redirect policy.</param>
/// <param name="IgnoreCertificateErrors">The classes of server-certificate error to ignore; <see cref="CertificateErrors.None"/> for none.</param>
/// <param name="CheckRevocation">Check the server certificate's revocation (BG_SSL_ENABLE_CRL_CHECK); a failed check is fatal.</param>
/// <param name="DynamicContent">
/// BITS DYNAMIC_CONTENT: no Range requests, no length required, and an interruption restarts the file from zero.
/// </param>
/// <param name="MaxDownloadBytes">The most bytes the job's files may hold together (BITS MAX_DOWNLOAD_SIZE); 0 removes the limit.</param>
/// <param name="Segments">
/// The most connections one large file may be fetched over at once, 1 to <see cref="MaxSegments"/> (1: one connection
/// per file); 0 goes back to the service's default. Only files that allow it are split (docs/http-options.md).
/// </param>
[GenerateSerializer, Immutable, Alias("Orleans.Transfer.Http.HttpOptionsUpdate")]
public sealed record HttpOptionsUpdate(
    IReadOnlyList<string>? CustomHeaders = null,
    ProxySettings? Proxy = null,
    RedirectPolicy? Redirects = null,
    CertificateErrors? IgnoreCertificateErrors = null,
    bool? CheckRevocation = null,
    bool? DynamicContent = null,
    long? MaxDownloadBytes = null,
    int? Segments = null)
{
    /// <summary>The most connections a job may ask for one file.</summary>
    public const int MaxSegments = 16;

    private const CertificateErrors AllCertificateErrors =
        CertificateErrors.NameMismatch | CertificateErrors.DateInvalid | CertificateErrors.UnknownAuthority | CertificateErrors.WrongUsage;

    /// <summary>Checks the update; throws <see cref="TransferJobException"/> naming the field at the first problem.</summary>
    public void Validate()
    {
        if (CustomHeaders is not null)
        {
            ValidateHeaders(CustomHeaders);
        }

        Proxy?.Validate();
        if (Redirects is { } redirects && !Enum.IsDefined(redirects))
        {
            throw Invalid("http.redirects", "http.redirects must be allow, report or deny.");
        }

        if (IgnoreCertificateErrors is { } ignore && (ignore & ~AllCertificateErrors) != 0)
        {
            throw Invalid("http.ignoreCertificateErrors", "http.ignoreCertificateErrors combines nameMismatch, dateInvalid, unknownAuthority and wrongUsage only.");
        }

        if (Segments is < 0 or > MaxSegments)
        {
            throw Invalid("http.segments", $"http.segments is {Segments}; use 1 (one connection per file) to {MaxSegments}, or 0 for the service's default.");
        }

        if (MaxDownloadBytes < 0)
        {
            throw Invalid("http.maxDownloadBytes", "http.maxDownloadBytes must be positive, or 0 to remove the limit.");
        }
    }

    /// <summary>Splits a header line into its name and value; false when it is not <c>Name: value</c>.</summary>
    /// <param name="line">One custom header line.</param>
    /// <param name="name">The header's name.</param>
    /// <param name="value">The header's value, trimmed.</param>
    public static bool TrySplitHeader(string line, out string name, out string value)
    {
        var colon = line.IndexOf(':', StringComparison.Ordinal);
        name = colon > 0 ? line[..colon] : "";
        value = colon > 0 ? line[(colon + 1)..].Trim() : "";
        return colon > 0 && name.All(IsTokenChar) && !value.Any(c => c is '\r' or '\n' or '\0');
    }

    private static void ValidateHeaders(IReadOnlyList<string> headers)
    {
        var length = 0;
        for (var i = 0; i < headers.Count; i++)
        {
            var field = $"http.customHeaders[{i}]";
            if (headers[i] is null || !TrySplitHeader(headers[i], out var name, out _))
            {
                throw Invalid(field, $"{field} is not 'Name: value' (a token name, and no line breaks in the value).");
            }

            if (HttpLimits.TransportHeaders.Contains(name))
            {
                throw Invalid(field, $"{field} sets {name}, which the transport owns; leave it out.");
            }

            length += headers[i].Length + 2;
        }

        if (length > HttpLimits.MaxCustomHeadersLength)
        {
            throw Invalid("http.customHeaders", $"http.customHeaders are {length} characters with line ends; the limit is {HttpLimits.MaxCustomHeadersLength}.");
        }
    }

    private bool PrintMembers(StringBuilder builder)
    {
        var names = CustomHeaders?.Select(h => TrySplitHeader(h, out var n, out _) ? n : "?");
        builder.Append($"CustomHeaders = {(names is null ? "null" : $"[{string.Join(", ", names)}]")}, Proxy = {Proxy}, Redirects = {Redirects}, ");
        builder.Append($"IgnoreCertificateErrors = {IgnoreCertificateErrors}, CheckRevocation = {CheckRevocation}, ");
        builder.Append($"DynamicContent = {DynamicContent}, MaxDownloadBytes = {MaxDownloadBytes}, Segments = {Segments}");
        return true;
    }

    private static bool IsTokenChar(char c) => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal);

    private static TransferJobException Invalid(string field, string message) => new(TransferErrorCode.InvalidArgument, message, field);
}
