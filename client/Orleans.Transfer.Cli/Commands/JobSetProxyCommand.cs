using System.CommandLine;
using Orleans.Transfer.Cli.Input;
using Orleans.Transfer.Cli.Output;
using Orleans.Transfer.Http;

namespace Orleans.Transfer.Cli.Commands;

/// <summary>
/// <c>xfer job set-proxy &lt;id&gt; --usage system|none|override|autodetect [--proxy URL]... [--bypass HOST]...</c>
/// (bitsadmin <c>/SetProxySettings</c>).
/// </summary>
internal sealed class JobSetProxyCommand : Command
{
    public JobSetProxyCommand(CliContext context)
        : base("set-proxy", "Sets how the job reaches its servers: the system's proxy settings, none, its own proxy list, or autodetect (Windows).")
    {
        var id = CliSymbols.JobId();
        var usage = new Option<ProxyUsage?>("--usage")
        {
            Description = "system (the service's settings, the default), none (direct), override (--proxy), or autodetect (WPAD, Windows only).",
            HelpName = "system|none|override|autodetect",
            Required = true,
            CustomParser = result =>
            {
                var text = result.Tokens[0].Value;
                if (HttpValueParsers.TryParseName<ProxyUsage>(text, out var value))
                {
                    return value;
                }

                result.AddError($"--usage: '{text}' is not one of system, none, override, autodetect.");
                return null;
            },
        };
        var proxies = HttpSymbols.Proxies("With --usage override: a proxy, [http=|https=][http://]host[:port]; repeat for more, the first that applies is used.");
        var bypass = new Option<string[]>("--bypass")
        {
            Description = "With --usage override: a host reached directly (a name, *.suffix, an address, or <local>); repeat for more.",
            HelpName = "host",
            Arity = ArgumentArity.OneOrMore,
        };
        Add(id);
        Add(usage);
        Add(proxies);
        Add(bypass);

        SetAction(async (parseResult, cancellationToken) =>
        {
            var proxyUsage = parseResult.GetValue(usage)!.Value;
            var proxyList = parseResult.GetValue(proxies) ?? [];
            var bypassList = parseResult.GetValue(bypass) ?? [];
            if (proxyUsage == ProxyUsage.Override && proxyList.Length == 0)
            {
                throw new UsageException("--proxy: --usage override needs at least one --proxy, e.g. --proxy http://proxy:3128.");
            }

            if (proxyUsage != ProxyUsage.Override && (proxyList.Length > 0 || bypassList.Length > 0))
            {
                throw new UsageException($"--proxy, --bypass: only with --usage override, not {HttpText.Name(proxyUsage)}.");
            }

            var settings = new ProxySettings(proxyUsage, proxyList, bypassList);
            var client = await context.ConnectAsync(cancellationToken);
            var job = await client.SetHttpOptionsAsync(parseResult.GetValue(id), new HttpOptionsUpdate(Proxy: settings), cancellationToken);
            context.Error.WriteLine($"job {job.Id}: proxy usage {HttpText.Name(proxyUsage)}");
            return ExitCodes.Success;
        });
    }
}
