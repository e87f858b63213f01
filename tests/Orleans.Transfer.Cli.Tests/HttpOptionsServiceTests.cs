using Orleans.Transfer.Http;

namespace Orleans.Transfer.Cli.Tests;

/// <summary>
/// The HTTP option commands against the real grains through the gateway client (<see cref="Client.TransferClient"/>).
/// Needs the grain side of the HTTP options (JobHttp); until it lands the grain answers NotSupported.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class HttpOptionsServiceTests(ClusterFixture fixture)
{
    [Fact]
    public async Task HttpCommands_ChangeTheJob_AsJobInfoShowsIt()
    {
        var id = (await Xfer(null, "job", "create", "http options")).Out.Trim();

        var runs = new[]
        {
            await Xfer("pw-gateway\n", "job", "set-credentials", id, "--target", "server", "--scheme", "basic", "--user", "alice"),
            await Xfer(null, "job", "set-headers", id, "X-Api-Key: hv-gateway"),
            await Xfer(null, "job", "set-proxy", id, "--usage", "none"),
            await Xfer(null, "job", "set", id, "--redirects", "report", "--max-size", "1M", "--dynamic-content", "true"),
            await Xfer(null, "job", "remove-credentials", id, "--target", "server", "--scheme", "basic"),
        };

        Assert.All(runs, run => Assert.True(run.ExitCode == ExitCodes.Success, run.ToString()));
        var http = (await fixture.Client.GetAsync(Guid.Parse(id))).Http!;
        Assert.Empty(http.Credentials);
        Assert.Equal(["X-Api-Key"], http.CustomHeaderNames);
        Assert.Equal(
            (ProxyUsage.None, RedirectPolicy.Report, 1L << 20, true),
            (http.Proxy.Usage, http.Redirects, http.MaxDownloadBytes, http.DynamicContent));
        await fixture.Client.CancelAsync(Guid.Parse(id));
    }

    private Task<CliRun> Xfer(string? input, params string[] args) =>
        input is null ? CliRun.InvokeAsync(fixture.Client, args) : CliRun.WithInputAsync(fixture.Client, input, args);
}
