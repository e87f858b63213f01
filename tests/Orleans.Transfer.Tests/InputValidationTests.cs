using Microsoft.Extensions.DependencyInjection;
using Orleans.Transfer.Grains.Validation;
using Orleans.Transfer.Worker;
using Orleans.Transfer.Worker.LocalPaths;

namespace Orleans.Transfer.Tests;

public sealed class InputValidationTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("xfer-validation-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    // The silo's own checker, for the service's own identity (owner null), as a trusted service's jobs without an account.
    private static readonly ILocalPathChecker s_checker =
        new ServiceCollection().AddLogging().AddTransferWorker().BuildServiceProvider().GetRequiredService<ILocalPathChecker>();

    [Fact]
    public async Task LocalPath_InExistingDirectory_IsAccepted()
    {
        var path = LocalPathValidator.Validate(Path.Combine(_directory, "a.bin"), "localPath");
        Assert.Equal(Path.Combine(_directory, "a.bin"), path);
        await s_checker.CheckAsync(null, [new LocalPathCheck(path, "localPath")]);
    }

    /// <summary>Adds: the write probe the checker makes in each directory is removed again.</summary>
    [Fact]
    public async Task LocalPath_Check_LeavesNothingBehind()
    {
        await s_checker.CheckAsync(null, [new LocalPathCheck(Path.Combine(_directory, "a.bin"), "localPath")]);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_directory));
    }

    /// <summary>
    /// Adds: the pure validator no longer looks at the disk (a missing directory passes it), and the checker reports
    /// the first path that fails with its own field, after others of the same directory passed.
    /// </summary>
    [Fact]
    public async Task LocalPath_Checks_ReportTheFirstFailingPath_WithItsField()
    {
        var missing = Path.Combine(_directory, "missing", "a.bin");
        Assert.Equal(missing, LocalPathValidator.Validate(missing, "files[2].localPath"));

        var error = await Assert.ThrowsAsync<TransferJobException>(() => s_checker.CheckAsync(null, [
            new LocalPathCheck(Path.Combine(_directory, "a.bin"), "files[0].localPath"),
            new LocalPathCheck(Path.Combine(_directory, "b.bin"), "files[1].localPath"),
            new LocalPathCheck(missing, "files[2].localPath"),
            new LocalPathCheck(_directory, "files[3].localPath"),
        ]));

        Assert.Equal((TransferErrorCode.DestinationNotFound, "files[2].localPath"), (error.Code, error.Field));
    }

    [Theory]
    [InlineData("relative.bin", TransferErrorCode.InvalidLocalPath)]
    [InlineData("./relative.bin", TransferErrorCode.InvalidLocalPath)]
    [InlineData("", TransferErrorCode.InvalidLocalPath)]
    public void LocalPath_Relative_IsRejected(string path, TransferErrorCode code)
    {
        var error = Assert.Throws<TransferJobException>(() => LocalPathValidator.Validate(path, "files[1].localPath"));
        Assert.Equal(code, error.Code);
        Assert.Equal("files[1].localPath", error.Field);
    }

    [Fact]
    public void LocalPath_Traversal_IsRejected()
    {
        var path = _directory + Path.DirectorySeparatorChar + ".." + Path.DirectorySeparatorChar + "escape.bin";
        var error = Assert.Throws<TransferJobException>(() => LocalPathValidator.Validate(path, "localPath"));
        Assert.Equal(TransferErrorCode.InvalidLocalPath, error.Code);
        Assert.Contains("..", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LocalPath_MissingDirectory_IsRejected()
    {
        var error = await Assert.ThrowsAsync<TransferJobException>(
            () => s_checker.CheckAsync(null, [new LocalPathCheck(Path.Combine(_directory, "missing", "a.bin"), "localPath")]));
        Assert.Equal(TransferErrorCode.DestinationNotFound, error.Code);
    }

    [Fact]
    public async Task LocalPath_ExistingDirectory_IsRejected()
    {
        var error = await Assert.ThrowsAsync<TransferJobException>(
            () => s_checker.CheckAsync(null, [new LocalPathCheck(LocalPathValidator.Validate(_directory, "localPath"), "localPath")]));
        Assert.Equal(TransferErrorCode.InvalidLocalPath, error.Code);
    }

    /// <summary>Adds: as root the check runs as the owner (nobody), whom a directory without write access refuses.</summary>
    [Fact]
    public async Task LocalPath_ReadOnlyDirectory_IsRejected()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var owner = Environment.IsPrivilegedProcess ? "unix:65534" : null;
        File.SetUnixFileMode(_directory, (UnixFileMode)0b111_101_101);
        var readOnly = Directory.CreateDirectory(Path.Combine(_directory, "ro")).FullName;
        File.SetUnixFileMode(readOnly, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        try
        {
            var error = await Assert.ThrowsAsync<TransferJobException>(
                () => s_checker.CheckAsync(owner, [new LocalPathCheck(Path.Combine(readOnly, "a.bin"), "localPath")]));
            Assert.Equal(TransferErrorCode.DestinationNotWritable, error.Code);
        }
        finally
        {
            File.SetUnixFileMode(readOnly, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    [Theory]
    [InlineData(-1L, 10L)]
    [InlineData(0L, 0L)]
    [InlineData(5L, -3L)]
    public void Ranges_Invalid_AreRejected(long offset, long length)
    {
        var error = Assert.Throws<TransferJobException>(() => RangeValidator.Validate([new ByteRange(offset, length)], "ranges"));
        Assert.Equal(TransferErrorCode.InvalidRange, error.Code);
    }

    [Fact]
    public void Ranges_Overlapping_AreRejected()
    {
        var error = Assert.Throws<TransferJobException>(() => RangeValidator.Validate([new ByteRange(100, 100), new ByteRange(150, 10)], "ranges"));
        Assert.Equal(TransferErrorCode.InvalidRange, error.Code);
    }

    [Fact]
    public void Ranges_OutOfOrderButDisjoint_AreAccepted() =>
        RangeValidator.Validate([new ByteRange(100, 100), new ByteRange(900, 100), new ByteRange(400, 100)], "ranges");

    [Fact]
    public void Ranges_TooMany_AreRejected()
    {
        var ranges = Enumerable.Range(0, JobLimits.MaxRangesPerFile + 1).Select(i => new ByteRange(i * 10L, 5)).ToList();
        var error = Assert.Throws<TransferJobException>(() => RangeValidator.Validate(ranges, "ranges"));
        Assert.Equal(TransferErrorCode.InvalidRange, error.Code);
    }

    [Theory]
    [InlineData(256, true)]
    [InlineData(257, false)]
    public void DisplayName_Limit_IsEnforced(int length, bool ok)
    {
        var name = new string('n', length);
        if (ok)
        {
            JobInputValidator.ValidateDisplayName(name);
        }
        else
        {
            Assert.Equal(TransferErrorCode.NameTooLong, Assert.Throws<TransferJobException>(() => JobInputValidator.ValidateDisplayName(name)).Code);
        }
    }

    [Fact]
    public void Description_OverLimit_IsRejected() =>
        Assert.Equal(
            TransferErrorCode.NameTooLong,
            Assert.Throws<TransferJobException>(() => JobInputValidator.ValidateDescription(new string('d', 1025))).Code);

    [Fact]
    public void MinimumRetryDelay_BelowFiveSeconds_IsRejected() =>
        Assert.Equal(
            TransferErrorCode.InvalidArgument,
            Assert.Throws<TransferJobException>(() => JobInputValidator.ValidateMinimumRetryDelay(TimeSpan.FromSeconds(4))).Code);

    [Theory]
    [InlineData("minimumRetryDelay", 30 * 86400 + 1)]
    [InlineData("noProgressTimeout", 3650L * 86400 + 1)]
    [InlineData("maxDownloadTime", 3650L * 86400 + 1)]
    public void TimeSetting_BeyondItsUpperLimit_IsRejectedNamingTheField(string field, long seconds)
    {
        var value = TimeSpan.FromSeconds(seconds);
        var update = field switch
        {
            "minimumRetryDelay" => new JobPropertiesUpdate(MinimumRetryDelay: value),
            "noProgressTimeout" => new JobPropertiesUpdate(NoProgressTimeout: value),
            _ => new JobPropertiesUpdate(MaxDownloadTime: value),
        };

        var error = Assert.Throws<TransferJobException>(() => JobInputValidator.ValidateUpdate(update));

        Assert.Equal(TransferErrorCode.InvalidArgument, error.Code);
        Assert.Equal(field, error.Field);
        Assert.Contains("at most", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TimeSettings_HugeValues_AreRejectedInsteadOfOverflowingLater()
    {
        Assert.Throws<TransferJobException>(() => JobInputValidator.ValidateMinimumRetryDelay(TimeSpan.MaxValue));
        Assert.Throws<TransferJobException>(() => JobInputValidator.ValidateNoProgressTimeout(TimeSpan.MaxValue));
        Assert.Throws<TransferJobException>(() => JobInputValidator.ValidateMaxDownloadTime(TimeSpan.MaxValue));
    }

    [Fact]
    public void TimeSettings_AtTheirUpperLimits_AreAccepted()
    {
        JobInputValidator.ValidateMinimumRetryDelay(TimeSpan.FromDays(30));
        JobInputValidator.ValidateNoProgressTimeout(TimeSpan.FromDays(3650));
        JobInputValidator.ValidateMaxDownloadTime(TimeSpan.FromDays(3650));
    }

    [Fact]
    public void Owner_OverLimit_IsRejectedNamingTheField()
    {
        var error = Assert.Throws<TransferJobException>(() => JobInputValidator.ValidateOwner(new string('o', JobLimits.MaxOwnerLength + 1)));

        Assert.Equal(TransferErrorCode.InvalidArgument, error.Code);
        Assert.Equal("owner", error.Field);
        Assert.Contains($"limit is {JobLimits.MaxOwnerLength}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Owner_AtLimit_IsAccepted() => JobInputValidator.ValidateOwner(new string('o', JobLimits.MaxOwnerLength));
}
