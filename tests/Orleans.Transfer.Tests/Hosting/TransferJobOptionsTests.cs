using System.ComponentModel.DataAnnotations;
using Orleans.Transfer.Grains.Hosting;

namespace Orleans.Transfer.Tests.Hosting;

public sealed class TransferJobOptionsTests
{
    private static bool IsValid(TransferJobOptions options) =>
        Validator.TryValidateObject(options, new ValidationContext(options), [], validateAllProperties: true);

    [Fact]
    public void MaxParallelFilesPerJob_DefaultsToSixteenFilesAtATime() =>
        Assert.Equal(16, new TransferJobOptions().MaxParallelFilesPerJob);

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(64, true)]
    [InlineData(65, false)]
    public void MaxParallelFilesPerJob_IsValidatedFromOneTo64(int value, bool valid) =>
        Assert.Equal(valid, IsValid(new TransferJobOptions { MaxParallelFilesPerJob = value }));

    [Fact]
    public void MaxConnectionsPerServer_DefaultsToSixAsBrowsers() =>
        Assert.Equal(6, new TransferJobOptions().MaxConnectionsPerServer);

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(16, true)]
    [InlineData(17, false)]
    public void MaxConnectionsPerServer_IsValidatedFromOneTo16_NamingTheSetting(int value, bool valid)
    {
        var results = new List<ValidationResult>();
        var options = new TransferJobOptions { MaxConnectionsPerServer = value };

        Assert.Equal(valid, Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true));
        if (!valid)
        {
            Assert.Contains("Transfer:Jobs:MaxConnectionsPerServer", Assert.Single(results).ErrorMessage, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void FinalJobRetention_DefaultsToSevenDays() =>
        Assert.Equal(TimeSpan.FromDays(7), new TransferJobOptions().FinalJobRetention);

    [Theory]
    [InlineData("-00:00:01", false)]
    [InlineData("00:00:00", true)]
    [InlineData("7.00:00:00", true)]
    [InlineData("36501.00:00:00", false)]
    public void FinalJobRetention_IsValidatedFromZeroTo36500Days(string value, bool valid)
    {
        var options = new TransferJobOptions { FinalJobRetention = TimeSpan.Parse(value, System.Globalization.CultureInfo.InvariantCulture) };

        var result = new TransferJobOptionsValidator().Validate(null, options);

        Assert.Equal(valid, result.Succeeded);
        if (!valid)
        {
            Assert.Contains("FinalJobRetention", result.FailureMessage, StringComparison.Ordinal);
        }
    }

    /// <summary>Adds: how often progress alone is written, two seconds by default, positive and at most an hour.</summary>
    [Theory]
    [InlineData("00:00:00", false)]
    [InlineData("00:00:02", true)]
    [InlineData("01:00:00", true)]
    [InlineData("01:00:01", false)]
    public void ProgressWriteInterval_DefaultsToTwoSeconds_AndIsValidatedUpToAnHour(string value, bool valid)
    {
        var options = new TransferJobOptions { ProgressWriteInterval = TimeSpan.Parse(value, System.Globalization.CultureInfo.InvariantCulture) };

        var result = new TransferJobOptionsValidator().Validate(null, options);

        Assert.Equal(TimeSpan.FromSeconds(2), new TransferJobOptions().ProgressWriteInterval);
        Assert.Equal(valid, result.Succeeded);
        if (!valid)
        {
            Assert.Contains("ProgressWriteInterval", result.FailureMessage, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void IdleDeactivationAge_DefaultsToTwoMinutes() =>
        Assert.Equal(TimeSpan.FromMinutes(2), new TransferJobOptions().IdleDeactivationAge);

    [Theory]
    [InlineData("00:01:59", false)]
    [InlineData("00:02:00", true)]
    [InlineData("00:15:00", true)]
    [InlineData("1.00:00:00", true)]
    [InlineData("1.00:00:01", false)]
    public void IdleDeactivationAge_IsValidatedFromTwoMinutesToOneDay(string value, bool valid)
    {
        var options = new TransferJobOptions { IdleDeactivationAge = TimeSpan.Parse(value, System.Globalization.CultureInfo.InvariantCulture) };

        var result = new TransferJobOptionsValidator().Validate(null, options);

        Assert.Equal(valid, result.Succeeded);
        if (!valid)
        {
            Assert.Contains("IdleDeactivationAge", result.FailureMessage, StringComparison.Ordinal);
        }
    }
}
