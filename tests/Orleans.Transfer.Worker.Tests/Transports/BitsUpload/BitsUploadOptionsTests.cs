using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Orleans.Transfer.Worker.Tests.Transports.BitsUpload;

/// <summary>The BITS upload options are validated at start, each message naming the setting.</summary>
public sealed class BitsUploadOptionsTests
{
    [Fact]
    public void Defaults_AreValid()
    {
        var options = new BitsUploadOptions();

        Assert.True(new BitsUploadOptionsValidator().Validate(null, options).Succeeded);
        Assert.Equal(64 * 1024, options.InitialFragmentBytes);
        Assert.Equal(16 * 1024 * 1024, options.MaxFragmentBytes);
        Assert.Equal(TimeSpan.FromHours(24), options.CancelRetryWindow);
    }

    [Fact]
    public void Validate_InitialAboveMaximumAndZeroTimes_NamesEachSetting()
    {
        var result = new BitsUploadOptionsValidator().Validate(null, new BitsUploadOptions
        {
            InitialFragmentBytes = 2 * 1024 * 1024,
            MaxFragmentBytes = 1024 * 1024,
            ResponseTimeout = TimeSpan.Zero,
            CancelRetryWindow = TimeSpan.FromSeconds(-1),
        });

        Assert.False(result.Succeeded);
        Assert.Contains("Transfer:Worker:BitsUpload:InitialFragmentBytes (2097152) is larger than MaxFragmentBytes (1048576)", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Transfer:Worker:BitsUpload:ResponseTimeout is 00:00:00; it must be more than zero.", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("CancelRetryWindow", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_FragmentBelowTheFloor_IsRefusedByItsRange()
    {
        using var services = new ServiceCollection().AddLogging().AddTransferWorker()
            .Configure<BitsUploadOptions>(o => o.InitialFragmentBytes = 1024)
            .BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<BitsUploadOptions>>().Value);

        Assert.Contains("InitialFragmentBytes", error.Message, StringComparison.Ordinal);
    }
}
