using System.CommandLine;
using Orleans.Transfer.Http;

namespace Orleans.Transfer.Cli.Input;

/// <summary>
/// The HTTP options <c>xfer transfer</c> and <c>xfer upload</c> take directly (as <c>Start-BitsTransfer</c> does), sent
/// with the new job in <see cref="CreateJobRequest.Http"/> and <see cref="CreateJobRequest.Credentials"/> so it never
/// runs without them. <c>--user</c> is also how a job reaches an SMB share as someone (an ntlm or negotiate credential).
/// </summary>
internal sealed class TransferHttpOptions
{
    /// <summary>Where <c>xfer transfer --user</c> takes the password from, before standard input.</summary>
    public const string PasswordVariable = "XFER_PASSWORD";

    private readonly Option<string?> _user = HttpSymbols.User(
        "Authenticates to the server or SMB share as this user (DOMAIN\\user for a share); the password comes from "
        + $"--password-file, else {PasswordVariable}, else standard input.");

    private readonly Option<AuthScheme?> _auth = HttpSymbols.Scheme(
        "--auth", "The scheme for --user (default basic; ntlm when a remote is an SMB share, which takes ntlm or negotiate only).");

    private readonly Option<string?> _passwordFile = new("--password-file")
    {
        Description = "Reads --user's password from this file (one trailing line end ignored).",
        HelpName = "file",
    };

    private readonly Option<string[]> _headers = new("--header")
    {
        Description = "A custom header 'Name: value' sent on every request; repeat for more.",
        HelpName = "header",
        Arity = ArgumentArity.OneOrMore,
        CustomParser = result => HttpSymbols.ParseHeaders(result, "--header"),
    };

    private readonly Option<string[]> _proxies = HttpSymbols.Proxies("Goes through this proxy ([http://]host[:port]); repeat for more.");

    private readonly Option<bool> _noProxy = new("--no-proxy") { Description = "Connects directly, whatever the system's proxy settings." };

    private readonly Option<long?>? _maxSize;

    private readonly Option<int?>? _segments;

    /// <param name="maxSize">
    /// Offers the download options: <c>--max-size</c>, a limit on downloaded bytes, and <c>--segments</c> (not for uploads).
    /// </param>
    public TransferHttpOptions(bool maxSize = true)
    {
        _maxSize = maxSize ? HttpSymbols.MaxSize("Fails the job when its files would hold more than this, e.g. 10M (1024-based).") : null;
        _segments = maxSize
            ? HttpSymbols.Segments("The most connections one large file may be fetched over at once (1: one connection; default: the service's, 4).")
            : null;
    }

    public void AddTo(Command command)
    {
        command.Add(_user);
        command.Add(_auth);
        command.Add(_passwordFile);
        command.Add(_headers);
        command.Add(_proxies);
        command.Add(_noProxy);
        if (_maxSize is not null)
        {
            command.Add(_maxSize);
        }

        if (_segments is not null)
        {
            command.Add(_segments);
        }
    }

    /// <summary>The job's HTTP options, or null for the defaults.</summary>
    public HttpOptionsUpdate? Http(ParseResult parseResult)
    {
        var proxies = parseResult.GetValue(_proxies) ?? [];
        var noProxy = parseResult.GetValue(_noProxy);
        if (noProxy && proxies.Length > 0)
        {
            throw new UsageException("--proxy, --no-proxy: choose one.");
        }

        var headers = parseResult.GetValue(_headers) ?? [];
        var maxSize = _maxSize is null ? null : parseResult.GetValue(_maxSize);
        var update = new HttpOptionsUpdate(
            CustomHeaders: headers.Length > 0 ? headers : null,
            Proxy: noProxy ? new ProxySettings(ProxyUsage.None) : proxies.Length > 0 ? new ProxySettings(ProxyUsage.Override, proxies) : null,
            MaxDownloadBytes: maxSize is > 0 ? maxSize : null,
            Segments: _segments is null || parseResult.GetValue(_segments) is not (> 0 and var segments) ? null : segments);
        return update == new HttpOptionsUpdate() ? null : update;
    }

    /// <summary>
    /// The server credential for <c>--user</c>, its password from <c>--password-file</c>, <see cref="PasswordVariable"/>
    /// or standard input, its scheme from <see cref="SmbRemotes.CredentialScheme"/>; null without <c>--user</c>.
    /// </summary>
    /// <param name="parseResult">The command line.</param>
    /// <param name="context">Where standard input is.</param>
    /// <param name="remotes">The job's remote names, which decide the default scheme.</param>
    /// <param name="inputIsList">Standard input was the file list (<c>-i -</c>), so the password cannot come from it.</param>
    public IReadOnlyList<JobCredential>? Credentials(ParseResult parseResult, CliContext context, IEnumerable<string> remotes, bool inputIsList = false)
    {
        var given = parseResult.GetValue(_auth);
        var passwordFile = parseResult.GetValue(_passwordFile);
        if (parseResult.GetValue(_user) is not { } user)
        {
            return (given, passwordFile) switch
            {
                (not null, _) => throw new UsageException("--auth: needs --user."),
                (_, not null) => throw new UsageException("--password-file: needs --user."),
                _ => null,
            };
        }

        var scheme = SmbRemotes.CredentialScheme(given, remotes);
        var password = passwordFile is not null
            ? SecretInput.ReadFile(passwordFile, "--password-file")
            : Environment.GetEnvironmentVariable(PasswordVariable) is { Length: > 0 } variable
                ? variable
                : inputIsList
                    ? throw new UsageException($"--user: standard input is the file list (-i -), so it cannot hold the password too; "
                        + $"give --password-file or set {PasswordVariable}.")
                    : SecretInput.ReadLine(context, $"password for {user}");
        return [new JobCredential(AuthTarget.Server, scheme, user, password)];
    }
}
