using System.CommandLine;
using Orleans.Transfer.Http;

namespace Orleans.Transfer.Cli.Input;

/// <summary>The HTTP options of <c>job set</c> (bitsadmin <c>/SetSecurityFlags</c> and friends), sent as one <see cref="HttpOptionsUpdate"/>.</summary>
internal sealed class HttpSetOptions
{
    /// <summary>The option names, for the "give at least one" message.</summary>
    public const string Names = "--redirects, --dynamic-content, --max-size, --segments, --ignore-cert-errors, --check-revocation";

    private readonly Option<RedirectPolicy?> _redirects = HttpSymbols.Redirects();

    private readonly Option<string?> _dynamicContent = HttpSymbols.Flag(
        "--dynamic-content",
        "true: the files are dynamic content (no Range requests, no length needed, an interruption restarts the file).");

    private readonly Option<long?> _maxSize = HttpSymbols.MaxSize("The most bytes the job's files may hold together, e.g. 10M (1024-based); 0 removes the limit.");

    private readonly Option<int?> _segments = HttpSymbols.Segments(
        "The most connections one large file may be fetched over at once (1: one per file; 0: the service's default).");

    private readonly Option<CertificateErrors?> _ignoreCertificateErrors = HttpSymbols.IgnoreCertificateErrors();

    private readonly Option<string?> _checkRevocation = HttpSymbols.Flag(
        "--check-revocation",
        "true: check the server certificate's revocation; a failed check is fatal.");

    public void AddTo(Command command)
    {
        command.Add(_redirects);
        command.Add(_dynamicContent);
        command.Add(_maxSize);
        command.Add(_segments);
        command.Add(_ignoreCertificateErrors);
        command.Add(_checkRevocation);
    }

    /// <summary>The update the options ask for, or null when none of them is given.</summary>
    public HttpOptionsUpdate? Update(ParseResult parseResult)
    {
        var update = new HttpOptionsUpdate(
            Redirects: parseResult.GetValue(_redirects),
            IgnoreCertificateErrors: parseResult.GetValue(_ignoreCertificateErrors),
            CheckRevocation: HttpSymbols.FlagValue(parseResult, _checkRevocation),
            DynamicContent: HttpSymbols.FlagValue(parseResult, _dynamicContent),
            MaxDownloadBytes: parseResult.GetValue(_maxSize),
            Segments: parseResult.GetValue(_segments));
        return update == new HttpOptionsUpdate() ? null : update;
    }
}
