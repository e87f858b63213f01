using System.CommandLine;
using System.CommandLine.Parsing;
using Orleans.Transfer.Http;

namespace Orleans.Transfer.Cli.Input;

/// <summary>
/// The options of the HTTP commands (<c>set-credentials</c>, <c>set-proxy</c>, <c>set</c>, <c>transfer</c>...).
/// Malformed values are parse errors naming the option; a header's value never appears in one.
/// </summary>
internal static class HttpSymbols
{
    public static Option<AuthTarget?> Target() => Named<AuthTarget>("--target", "Who the credential is for: server (401) or proxy (407).", "server|proxy");

    public static Option<AuthScheme?> Scheme(string name = "--scheme", string? description = null) => Named<AuthScheme>(
        name,
        description ?? "The authentication scheme the credential answers.",
        "basic|digest|ntlm|negotiate");

    public static Option<string?> User(string description) => new("--user") { Description = description, HelpName = "name" };

    public static Option<RedirectPolicy?> Redirects() => Named<RedirectPolicy>(
        "--redirects",
        "What the job does when a server redirects: allow (follow silently), report (follow and show the final URL), deny (fail).",
        "allow|report|deny");

    /// <summary>
    /// A <c>true|false</c> option, read with <see cref="FlagValue"/>. Typed as text: System.CommandLine would take a bool
    /// option's other values ("yes") for a separate argument, and these options also turn things off.
    /// </summary>
    public static Option<string?> Flag(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "true|false",
        CustomParser = result =>
        {
            var text = result.Tokens[0].Value;
            if (HttpValueParsers.TryParseBool(text, out var value))
            {
                return value ? "true" : "false";
            }

            result.AddError($"{name}: '{text}' is not true or false.");
            return null;
        },
    };

    /// <summary>The value of a <see cref="Flag"/> option, or null when it is not given.</summary>
    public static bool? FlagValue(ParseResult parseResult, Option<string?> flag) =>
        parseResult.GetValue(flag) is { } text ? text == "true" : null;

    /// <summary><c>--segments N</c>: the most connections one large file may be fetched over.</summary>
    public static Option<int?> Segments(string description) => new("--segments")
    {
        Description = description,
        HelpName = "n",
        CustomParser = result =>
        {
            var text = result.Tokens[0].Value;
            if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var count)
                && count <= HttpOptionsUpdate.MaxSegments)
            {
                return count;
            }

            result.AddError($"--segments: '{text}' is not 1 (one connection per file) to {HttpOptionsUpdate.MaxSegments}, or 0 for the service's default.");
            return null;
        },
    };

    public static Option<long?> MaxSize(string description) => new("--max-size")
    {
        Description = description,
        HelpName = "size",
        CustomParser = result =>
        {
            var text = result.Tokens[0].Value;
            if (HttpValueParsers.TryParseSize(text, out var bytes))
            {
                return bytes;
            }

            result.AddError($"--max-size: '{text}' is not a size (bytes with an optional K, M, G or T suffix, 1024-based, e.g. 10M; 0 removes the limit).");
            return null;
        },
    };

    public static Option<CertificateErrors?> IgnoreCertificateErrors() => new("--ignore-cert-errors")
    {
        Description = "Server-certificate errors to ignore: a comma-separated list of name-mismatch, date, unknown-ca, wrong-usage; or none.",
        HelpName = "list|none",
        CustomParser = result =>
        {
            var text = result.Tokens[0].Value;
            if (HttpValueParsers.TryParseCertificateErrors(text, out var errors))
            {
                return errors;
            }

            result.AddError($"--ignore-cert-errors: '{text}' is not none nor a list of name-mismatch, date, unknown-ca, wrong-usage.");
            return null;
        },
    };

    /// <summary>A repeatable proxy option; each entry <c>[http=|https=][http://]host[:port]</c>.</summary>
    public static Option<string[]> Proxies(string description) => new("--proxy")
    {
        Description = description,
        HelpName = "url",
        Arity = ArgumentArity.OneOrMore,
        CustomParser = result =>
        {
            foreach (var token in result.Tokens)
            {
                if (!ProxySettings.TryParseProxy(token.Value, out _, out _))
                {
                    result.AddError($"--proxy: '{token.Value}' is not a proxy ([http=|https=][http://]host[:port], without user or path).");
                    return [];
                }
            }

            return [.. result.Tokens.Select(t => t.Value)];
        },
    };

    /// <summary>A repeatable <c>Name: value</c> header option or argument; a bad one is named by position and name only.</summary>
    public static string[] ParseHeaders(ArgumentResult result, string symbol)
    {
        for (var i = 0; i < result.Tokens.Count; i++)
        {
            if (!HttpOptionsUpdate.TrySplitHeader(result.Tokens[i].Value, out _, out _))
            {
                result.AddError($"{symbol}: header {i + 1} ({HttpValueParsers.NameOf(result.Tokens[i].Value)}) is not 'Name: value' "
                    + "(a token name, a colon, then the value).");
                return [];
            }
        }

        return [.. result.Tokens.Select(t => t.Value)];
    }

    private static Option<T?> Named<T>(string name, string description, string values)
        where T : struct, Enum => new(name)
    {
        Description = $"{description} One of: {values.Replace("|", ", ", StringComparison.Ordinal)}.",
        HelpName = values,
        CustomParser = result =>
        {
            var text = result.Tokens[0].Value;
            if (HttpValueParsers.TryParseName<T>(text, out var value))
            {
                return value;
            }

            result.AddError($"{name}: '{text}' is not one of {values.Replace("|", ", ", StringComparison.Ordinal)}.");
            return null;
        },
    };
}
