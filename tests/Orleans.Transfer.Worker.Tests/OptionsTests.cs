using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Orleans.Transfer.Worker.Tests;

public sealed class OptionsTests
{
    [Fact]
    public void AddTransferWorker_Defaults_AreValid()
    {
        using var services = new ServiceCollection().AddLogging().AddTransferWorker().BuildServiceProvider();

        var options = services.GetRequiredService<IOptions<TransferWorkerOptions>>().Value;

        Assert.Equal(1024 * 1024, options.BufferSize);
        Assert.Equal(8L * 1024 * 1024, options.CheckpointBytes);
        Assert.Equal(TimeSpan.FromSeconds(2), options.CheckpointInterval);
        Assert.IsType<TransferWorker>(services.GetRequiredService<ITransferWorker>());
    }

    [Theory]
    [InlineData(nameof(TransferWorkerOptions.BufferSize))]
    [InlineData(nameof(TransferWorkerOptions.CheckpointInterval))]
    [InlineData(nameof(TransferWorkerOptions.StallTimeout))]
    public void AddTransferWorker_InvalidValue_FailsValidationNamingIt(string property)
    {
        using var services = new ServiceCollection().AddLogging().AddTransferWorker(options =>
        {
            options.BufferSize = property == nameof(options.BufferSize) ? 1024 : options.BufferSize;
            options.CheckpointInterval = property == nameof(options.CheckpointInterval) ? TimeSpan.Zero : options.CheckpointInterval;
            options.StallTimeout = property == nameof(options.StallTimeout) ? TimeSpan.FromSeconds(-1) : options.StallTimeout;
        }).BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<TransferWorkerOptions>>().Value);

        Assert.Contains(property, error.Message, StringComparison.Ordinal);
    }
}
