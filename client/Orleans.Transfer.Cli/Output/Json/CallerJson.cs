using Orleans.Transfer.LocalApi;

namespace Orleans.Transfer.Cli.Output.Json;

/// <summary>The JSON shape of <c>whoami --format json</c>; documented in docs/cli.md, so append only.</summary>
internal sealed record CallerJson(string Owner, string Name, bool IsAdministrator)
{
    public static CallerJson From(CallerInfo caller) => new(caller.Owner, caller.Name, caller.IsAdministrator);
}
