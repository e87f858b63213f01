using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Orleans.Transfer.Worker.Tests;

/// <summary>
/// Pacing driven by a FakeTimeProvider: each simulated job reads one quantum whenever its last charge is repaid, as
/// <see cref="JobThrottle.PaceAsync"/> does, while time moves in 1 ms steps.
/// </summary>
public sealed class BandwidthControllerTests : IDisposable
{
    private const long MiB = 1024 * 1024;

    // Monday 2026-06-01 07:00 in the fake clock's local time zone (UTC).
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 6, 1, 7, 0, 0, TimeSpan.Zero));
    private readonly IConfigurationRoot _configuration = new ConfigurationBuilder().AddInMemoryCollection().Build();
    private readonly ServiceProvider _services;

    public BandwidthControllerTests()
    {
        _services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(_time)
            .AddTransferWorker()
            .AddTransferBandwidthConfiguration(_configuration)
            .BuildServiceProvider();
    }

    private BandwidthController Controller => _services.GetRequiredService<BandwidthController>();

    public void Dispose() => _services.Dispose();

    [Fact]
    public void TwoJobsOneCap_ShareItByDemand_AndAnIdleJobLeavesItsShare()
    {
        Configure(("BackgroundLimit", "1M"));
        using var a = Controller.Register(Guid.NewGuid(), JobPriority.Normal, null);
        using var b = Controller.Register(Guid.NewGuid(), JobPriority.Low, null);

        var both = Simulate(TimeSpan.FromSeconds(10), a, b);
        var alone = Simulate(TimeSpan.FromSeconds(10), a);

        AssertNear(10 * MiB, both[0] + both[1], 0.01);
        AssertNear(5 * MiB, both[0], 0.1);
        AssertNear(10 * MiB, alone[0], 0.01);
    }

    [Fact]
    public void ClusterShare_ScalesTheBackgroundCap_AndTheDemandCountsBackgroundJobs()
    {
        Configure(("BackgroundLimit", "1M"));
        using var a = Controller.Register(Guid.NewGuid(), JobPriority.Normal, null);
        using var b = Controller.Register(Guid.NewGuid(), JobPriority.Low, null);
        using var foreground = Controller.Register(Guid.NewGuid(), JobPriority.Foreground, null);
        Assert.Equal(2, Controller.BackgroundDemand);

        Controller.SetBackgroundShare(0.25);
        var quarter = Simulate(TimeSpan.FromSeconds(10), a, b);
        Controller.SetBackgroundShare(1);
        var whole = Simulate(TimeSpan.FromSeconds(10), a, b);

        AssertNear(10 * MiB / 4, quarter[0] + quarter[1], 0.02);
        AssertNear(10 * MiB, whole[0] + whole[1], 0.01);
        Assert.Throws<ArgumentOutOfRangeException>(() => Controller.SetBackgroundShare(0));
    }

    [Fact]
    public void PriorityCap_BelowBackgroundCap_LeavesTheRestToOtherPriorities()
    {
        Configure(("BackgroundLimit", "1M"), ("PriorityLimits:Low", "256k"));
        using var normal = Controller.Register(Guid.NewGuid(), JobPriority.Normal, null);
        using var low = Controller.Register(Guid.NewGuid(), JobPriority.Low, null);

        var bytes = Simulate(TimeSpan.FromSeconds(10), normal, low);

        AssertNear(10 * MiB / 4, bytes[1], 0.02);
        AssertNear(10 * MiB, bytes[0] + bytes[1], 0.01);
    }

    [Fact]
    public void Foreground_IgnoresBackgroundCaps_ButObeysItsOwn()
    {
        Configure(("BackgroundLimit", "0"));
        using var free = Controller.Register(Guid.NewGuid(), JobPriority.Foreground, null);
        using var capped = Controller.Register(Guid.NewGuid(), JobPriority.Foreground, 512 * 1024);

        Assert.Equal(int.MaxValue, free.Quantum);
        Assert.Equal(TimeSpan.Zero, Controller.Charge(free, 1 << 30));
        AssertNear(5 * MiB, Simulate(TimeSpan.FromSeconds(10), capped)[0], 0.01);
    }

    [Fact]
    public void ConfigurationReload_AppliesToARunningJobWithinASecond()
    {
        Configure(("BackgroundLimit", "1M"));
        using var job = Controller.Register(Guid.NewGuid(), JobPriority.High, null);
        Simulate(TimeSpan.FromSeconds(2), job);

        Configure(("BackgroundLimit", "4M"));
        var bytes = Simulate(TimeSpan.FromSeconds(5), job)[0];

        Assert.Equal(4 * MiB, Controller.Current.Background!.At(DateTime.MinValue).BytesPerSecond);
        AssertNear(20 * MiB, bytes, 0.02);
    }

    [Fact]
    public void InvalidReload_KeepsThePreviousPolicy()
    {
        Configure(("BackgroundLimit", "1M"));

        Configure(("BackgroundLimit", "fast"));

        Assert.Equal("1M", Controller.Current.Background!.ToString());
    }

    [Fact]
    public void UpdateJob_NewCap_AppliesToTheRunningJob()
    {
        var jobId = Guid.NewGuid();
        using var job = Controller.Register(jobId, JobPriority.Normal, MiB);
        Simulate(TimeSpan.FromSeconds(1), job);

        Controller.UpdateJob(jobId, JobPriority.Normal, 2 * MiB);

        AssertNear(10 * MiB, Simulate(TimeSpan.FromSeconds(5), job)[0], 0.02);
    }

    [Fact]
    public void SameJobRegisteredTwice_SharesOneJobCap_AndUpdatesAndUnregistersTogether()
    {
        var jobId = Guid.NewGuid();
        var first = Controller.Register(jobId, JobPriority.Normal, MiB);
        using var second = Controller.Register(jobId, JobPriority.Normal, MiB);

        var both = Simulate(TimeSpan.FromSeconds(10), first, second);
        Controller.UpdateJob(jobId, JobPriority.Normal, 2 * MiB);
        var raised = Simulate(TimeSpan.FromSeconds(10), first, second);
        first.Dispose();
        var alone = Simulate(TimeSpan.FromSeconds(10), second);

        AssertNear(10 * MiB, both[0] + both[1], 0.02);
        AssertNear(5 * MiB, both[0], 0.1);
        AssertNear(20 * MiB, raised[0] + raised[1], 0.02);
        AssertNear(20 * MiB, alone[0], 0.02);
    }

    [Fact]
    public void LastFileOfAJobUnregistered_ForgetsTheJobCap()
    {
        var jobId = Guid.NewGuid();
        Controller.Register(jobId, JobPriority.Normal, MiB).Dispose();

        using var next = Controller.Register(jobId, JobPriority.Normal, null);

        Assert.Null(next.Bucket.Rate);
        Assert.Equal(TimeSpan.Zero, Controller.Charge(next, (int)(10 * MiB)));
    }

    [Fact]
    public void ZeroLimitInTimetable_BlocksBackgroundJobsUntilTheEntryChanges()
    {
        Configure(("Timetable", "00:00,0 08:00,10M"));
        using var job = Controller.Register(Guid.NewGuid(), JobPriority.Low, null);
        using var foreground = Controller.Register(Guid.NewGuid(), JobPriority.Foreground, null);

        var error = Assert.Throws<TransferFailedException>(job.ThrowIfBlocked);
        foreground.ThrowIfBlocked();
        _time.Advance(TimeSpan.FromHours(1));
        job.ThrowIfBlocked();

        Assert.Equal(TransferErrorCode.BlockedByPolicy, error.Failure.Code);
        Assert.Equal(ErrorContext.QueueManager, error.Failure.Context);
        Assert.True(error.Failure.IsTransient);
        Assert.Equal(TimeSpan.FromHours(1), error.Failure.RetryAfter);
    }

    [Fact]
    public void PolicyUpdatedToZero_StopsARunningJob()
    {
        using var job = Controller.Register(Guid.NewGuid(), JobPriority.Normal, null);
        Controller.Charge(job, (int)MiB);

        Controller.Update(BandwidthPolicy.Unlimited with { Normal = Timetable.Parse("0") });

        var error = Assert.Throws<TransferFailedException>(() => Controller.Wait(job));
        Assert.Equal(TransferErrorCode.BlockedByPolicy, error.Failure.Code);
        Assert.Null(error.Failure.RetryAfter);
    }

    private void Configure(params (string Key, string Value)[] settings)
    {
        foreach (var child in _configuration.GetSection(BandwidthOptions.SectionName).AsEnumerable().ToList())
        {
            _configuration[child.Key] = null;
        }

        foreach (var (key, value) in settings)
        {
            _configuration[$"{BandwidthOptions.SectionName}:{key}"] = value;
        }

        _ = Controller;
        _configuration.Reload();
    }

    private long[] Simulate(TimeSpan duration, params JobThrottle[] jobs)
    {
        var bytes = new long[jobs.Length];
        var step = TimeSpan.FromMilliseconds(1);
        for (var elapsed = TimeSpan.Zero; elapsed < duration; elapsed += step)
        {
            for (var i = 0; i < jobs.Length; i++)
            {
                if (Controller.Wait(jobs[i]) == TimeSpan.Zero)
                {
                    var quantum = jobs[i].Quantum;
                    Controller.Charge(jobs[i], quantum);
                    bytes[i] += quantum;
                }
            }

            _time.Advance(step);
        }

        return bytes;
    }

    private static void AssertNear(long expected, long actual, double tolerance) =>
        Assert.True(Math.Abs(actual - expected) <= expected * tolerance, $"expected {expected} ±{tolerance:P0}, got {actual}");
}
