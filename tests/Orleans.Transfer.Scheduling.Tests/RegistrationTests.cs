using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Orleans.Transfer.Scheduling.Tests;

public sealed class RegistrationTests
{
    [Fact]
    public void AddTransferScheduler_Defaults_TwoBackgroundEightForegroundThirtySecondSlices()
    {
        using var services = Build([]);

        var options = services.GetRequiredService<IOptions<TransferSchedulerOptions>>().Value;

        Assert.Equal(2, options.MaxConcurrentBackgroundJobs);
        Assert.Equal(8, options.MaxConcurrentForegroundJobs);
        Assert.Equal(TimeSpan.FromSeconds(30), options.TimeSlice);
        Assert.Same(services.GetRequiredService<TransferScheduler>(), services.GetRequiredService<ITransferScheduler>());
    }

    [Fact]
    public void AddTransferScheduler_ConfigurationSection_IsBound()
    {
        using var services = Build(new()
        {
            ["Transfer:Scheduler:MaxConcurrentBackgroundJobs"] = "5",
            ["Transfer:Scheduler:MaxConcurrentForegroundJobs"] = "3",
            ["Transfer:Scheduler:TimeSlice"] = "00:01:00",
        });

        var options = services.GetRequiredService<IOptions<TransferSchedulerOptions>>().Value;

        Assert.Equal(5, options.MaxConcurrentBackgroundJobs);
        Assert.Equal(3, options.MaxConcurrentForegroundJobs);
        Assert.Equal(TimeSpan.FromMinutes(1), options.TimeSlice);
    }

    [Theory]
    [InlineData("MaxConcurrentBackgroundJobs", "0", "MaxConcurrentBackgroundJobs")]
    [InlineData("MaxConcurrentBackgroundJobs", "1001", "MaxConcurrentBackgroundJobs")]
    [InlineData("MaxConcurrentForegroundJobs", "0", "MaxConcurrentForegroundJobs")]
    [InlineData("MaxConcurrentForegroundJobs", "1001", "MaxConcurrentForegroundJobs")]
    [InlineData("TimeSlice", "00:00:00", "TimeSlice")]
    [InlineData("TimeSlice", "-00:00:01", "TimeSlice")]
    public void AddTransferScheduler_InvalidOption_FailsValidation(string key, string value, string expected)
    {
        using var services = Build(new() { [$"Transfer:Scheduler:{key}"] = value });

        var error = Assert.Throws<OptionsValidationException>(
            () => services.GetRequiredService<IOptions<TransferSchedulerOptions>>().Value);

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings) => new ServiceCollection()
        .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
        .AddLogging()
        .AddTransferScheduler()
        .BuildServiceProvider();
}
