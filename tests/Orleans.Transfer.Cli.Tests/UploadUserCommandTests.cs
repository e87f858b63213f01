using Orleans.Transfer.Uploads;

namespace Orleans.Transfer.Cli.Tests;

/// <summary><c>xfer upload-user</c>: a verifiable hash in a private password file, the password only from standard input.</summary>
public sealed class UploadUserCommandTests : IDisposable
{
    private const string Password = "correct horse battery";

    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("xfer-upload-user-");

    private string PasswordFile => Path.Combine(_directory.FullName, "uploads.passwd");

    [Fact]
    public async Task UploadUser_WritesAVerifiableHash_InAPrivateFile()
    {
        var run = await CliRun.WithInputAsync(new FakeTransferClient(), Password + "\n", "upload-user", "alice", "--file", PasswordFile);

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        var line = Assert.Single(File.ReadAllLines(PasswordFile));
        Assert.StartsWith("alice:$pbkdf2-sha256$", line, StringComparison.Ordinal);
        Assert.True(UploadPasswordHash.Verify(Password, line["alice:".Length..]));
        Assert.False(UploadPasswordHash.Verify("wrong", line["alice:".Length..]));
        Assert.DoesNotContain(Password, run.Out + run.Error, StringComparison.Ordinal);
        Assert.Equal(["uploads.passwd"], _directory.GetFiles().Select(f => f.Name));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(PasswordFile));
        }
    }

    [Fact]
    public async Task UploadUser_ReplacesOnlyThatUsersLine()
    {
        File.WriteAllLines(PasswordFile, ["bob:$pbkdf2-sha256$1$AAAA$BBBB", "alice:old", "carol:$pbkdf2-sha256$1$CCCC$DDDD"]);

        var run = await CliRun.WithInputAsync(new FakeTransferClient(), Password + "\n", "upload-user", "alice", "--file", PasswordFile);

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        var lines = File.ReadAllLines(PasswordFile);
        Assert.Equal(3, lines.Length);
        Assert.Equal("bob:$pbkdf2-sha256$1$AAAA$BBBB", lines[0]);
        Assert.True(UploadPasswordHash.Verify(Password, lines[1]["alice:".Length..]));
        Assert.Equal("carol:$pbkdf2-sha256$1$CCCC$DDDD", lines[2]);
        Assert.Contains("replaced upload user alice", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("upload-user", "alice", "--file", "F", "--password", Password)]
    [InlineData("upload-user", "alice", "--file", "F", "--password=" + Password)]
    [InlineData("upload-user", "alice", Password, "--file", "F")]
    public async Task UploadUser_PasswordAsAnArgument_IsRefused_WithoutQuotingIt(params string[] args)
    {
        var run = await CliRun.WithoutServiceAsync([.. args.Select(a => a == "F" ? PasswordFile : a)]);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.False(File.Exists(PasswordFile));
    }

    [Fact]
    public async Task UploadUser_EmptyStdin_ExitsTwo_AndWritesNothing()
    {
        var run = await CliRun.WithoutServiceAsync("upload-user", "alice", "--file", PasswordFile);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("standard input held no password for alice", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(PasswordFile));
    }

    [Theory]
    [InlineData("upload-user", "alice")]
    [InlineData("upload-user", "--file", "F")]
    [InlineData("upload-user", "al:ice", "--file", "F")]
    [InlineData("upload-user", " alice", "--file", "F")]
    public async Task UploadUser_BadCommandLine_ExitsTwo(params string[] args)
    {
        var run = await CliRun.WithInputAsync(new FakeTransferClient(), Password + "\n", [.. args.Select(a => a == "F" ? PasswordFile : a)]);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.StartsWith("error", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(PasswordFile));
    }

    public void Dispose() => _directory.Delete(recursive: true);
}
