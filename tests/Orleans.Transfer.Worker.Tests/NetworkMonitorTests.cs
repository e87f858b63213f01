using System.Net;
using System.Net.NetworkInformation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Orleans.Transfer.Testing;

namespace Orleans.Transfer.Worker.Tests;

public sealed class NetworkMonitorTests : IDisposable
{
    private readonly FakeTimeProvider _clock = new();
    private readonly SwitchableNetworkProbe _probe = new();
    private NetworkMonitor? _monitor;

    public void Dispose() => _monitor?.Dispose();

    private NetworkMonitor Start(Action<NetworkMonitorOptions>? configure = null)
    {
        var options = new NetworkMonitorOptions();
        configure?.Invoke(options);
        _monitor = new NetworkMonitor(_probe, Options.Create(options), _clock, NullLogger<NetworkMonitor>.Instance);
        return _monitor;
    }

    [Fact]
    public void StartedOffline_IsUnavailableAtOnce()
    {
        _probe.IsAvailable = false;

        var monitor = Start();

        Assert.False(monitor.IsAvailable);
        Assert.True(monitor.LostToken.IsCancellationRequested);
    }

    [Fact]
    public void Loss_CountsOnlyAfterTheGracePeriod()
    {
        var monitor = Start();
        var token = monitor.LostToken;

        _probe.IsAvailable = false;
        _clock.Advance(TimeSpan.FromSeconds(2));
        Assert.True(monitor.IsAvailable);

        _clock.Advance(TimeSpan.FromSeconds(2.9));
        Assert.True(monitor.IsAvailable);
        Assert.False(token.IsCancellationRequested);

        _clock.Advance(TimeSpan.FromSeconds(0.1));
        Assert.False(monitor.IsAvailable);
        Assert.True(token.IsCancellationRequested);
    }

    [Fact]
    public void BlipShorterThanTheGracePeriod_IsRiddenOut()
    {
        var monitor = Start();
        var token = monitor.LostToken;

        _probe.IsAvailable = false;
        monitor.Check();
        _clock.Advance(TimeSpan.FromSeconds(2));
        _probe.IsAvailable = true;
        _clock.Advance(TimeSpan.FromSeconds(10));

        Assert.True(monitor.IsAvailable);
        Assert.False(token.IsCancellationRequested);
    }

    [Fact]
    public async Task Return_CompletesNextReturn_AndHandsOutAFreshToken()
    {
        _probe.IsAvailable = false;
        var monitor = Start();
        var nextReturn = monitor.NextReturn;
        Assert.False(nextReturn.IsCompleted);

        _probe.IsAvailable = true;
        monitor.Check();

        await nextReturn.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(monitor.IsAvailable);
        Assert.False(monitor.LostToken.IsCancellationRequested);
        Assert.NotSame(nextReturn, monitor.NextReturn);
    }

    [Fact]
    public void Disabled_AlwaysAvailable()
    {
        _probe.IsAvailable = false;

        var monitor = Start(o => o.Enabled = false);
        _clock.Advance(TimeSpan.FromMinutes(1));
        monitor.Check();

        Assert.True(monitor.IsAvailable);
        Assert.False(monitor.LostToken.IsCancellationRequested);
    }

    [Fact]
    public async Task ConfirmAvailable_WaitsForTheVerdict()
    {
        var monitor = Start();
        _probe.IsAvailable = false;

        var verdict = monitor.ConfirmAvailableAsync(CancellationToken.None);
        Assert.False(verdict.IsCompleted);
        _clock.Advance(TimeSpan.FromSeconds(3));

        Assert.False(await verdict.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task ConfirmAvailable_WhenUp_AnswersAtOnce()
    {
        var monitor = Start();

        Assert.True(await monitor.ConfirmAvailableAsync(CancellationToken.None));
    }

    [Theory]
    [InlineData("192.0.2.2", true)]
    [InlineData("10.1.2.3", true)]
    [InlineData("2001:db8::1", true)]
    [InlineData("fd00::2", true)]
    [InlineData("127.0.0.1", false)]
    [InlineData("::1", false)]
    [InlineData("169.254.10.20", false)]
    [InlineData("fe80::1", false)]
    [InlineData("0.0.0.0", false)]
    public void AddressesBeyondTheLink_Count(string address, bool counts) =>
        Assert.Equal(counts, InterfaceNetworkProbe.IsBeyondLink(IPAddress.Parse(address)));

    [Fact]
    public void RealProbe_IgnoringEveryInterface_FindsNoNetwork()
    {
        var options = new NetworkMonitorOptions();
        options.IgnoredInterfaces.AddRange(NetworkInterface.GetAllNetworkInterfaces().Select(n => n.Name));

        var result = new InterfaceNetworkProbe(Options.Create(options)).Probe();

        Assert.False(result.IsAvailable);
    }

    [Fact]
    public void RealProbe_PrefixPattern_IgnoresMatchingInterfaces()
    {
        var options = new NetworkMonitorOptions();
        options.IgnoredInterfaces.Add("*");

        var result = new InterfaceNetworkProbe(Options.Create(options)).Probe();

        Assert.False(result.IsAvailable);
        Assert.Contains("no interface", result.Description, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("PollInterval")]
    [InlineData("LossGracePeriod")]
    [InlineData("IgnoredInterfaces")]
    public void InvalidOptions_FailValidationNamingTheKey(string key)
    {
        using var services = new ServiceCollection().AddLogging().AddTransferWorker().Configure<NetworkMonitorOptions>(o =>
        {
            o.PollInterval = key == "PollInterval" ? TimeSpan.Zero : o.PollInterval;
            o.LossGracePeriod = key == "LossGracePeriod" ? TimeSpan.FromSeconds(-1) : o.LossGracePeriod;
            if (key == "IgnoredInterfaces")
            {
                o.IgnoredInterfaces.Add(" ");
            }
        }).BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<NetworkMonitorOptions>>().Value);

        Assert.Contains($"Transfer:Network:{key}", error.Message, StringComparison.Ordinal);
    }
}
