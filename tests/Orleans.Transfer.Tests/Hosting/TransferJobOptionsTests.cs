using System.ComponentModel.DataAnnotations;
using Orleans.Transfer.Grains.Hosting;

namespace Orleans.Transfer.Tests.Hosting;

public sealed class TransferJobOptionsTests
{
    private static bool IsValid(TransferJobOptions options) =>
        Validator.TryValidateObject(options, new ValidationContext(options), [], validateAllProperties: true);

    [Fact]
    public void MaxParallelFilesPerJob_DefaultsToOneFileAtATime() =>
        Assert.Equal(1, new TransferJobOptions().MaxParallelFilesPerJob);

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(64, true)]
    [InlineData(65, false)]
    public void MaxParallelFilesPerJob_IsValidatedFromOneTo64(int value, bool valid) =>
        Assert.Equal(valid, IsValid(new TransferJobOptions { MaxParallelFilesPerJob = value }));
}
