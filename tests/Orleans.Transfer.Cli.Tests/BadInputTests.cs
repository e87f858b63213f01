namespace Orleans.Transfer.Cli.Tests;

/// <summary>
/// Bad input through <c>xfer transfer</c> and through the client library against the real grains: a clear refusal
/// with the stable code and the field, and no job left behind (one atomic create).
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class BadInputTests(ClusterFixture fixture) : IDisposable
{
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("xfer-cli-bad-");

    public void Dispose() => _work.Delete(recursive: true);

    public static TheoryData<string, string, string, string> TransferCases => new()
    {
        { "missing directory", "http://127.0.0.1:9/a.bin", "missing/a.bin", "DestinationNotFound" },
        { "bad scheme", "ftp://example.test/a.bin", "a.bin", "UnsupportedScheme" },
        { "malformed url", "http//example.test/a.bin", "a.bin", "InvalidUrl" },
        { "over-long url", "http://example.test/" + new string('a', JobLimits.MaxUrlLength), "a.bin", "UrlTooLong" },
    };

    [Theory]
    [MemberData(nameof(TransferCases))]
    public async Task Transfer_BadInput_IsRefused_AndCreatesNoJob(string name, string url, string destination, string code)
    {
        var displayName = $"bad-input {name} {Guid.NewGuid():N}";

        var run = await CliRun.InvokeAsync(fixture.Client, "transfer", url, Path.Combine(_work.FullName, destination), "--name", displayName);

        Assert.Equal(ExitCodes.Refused, run.ExitCode);
        Assert.Contains($"error {code}", run.Error, StringComparison.Ordinal);
        Assert.Contains("files[0].", run.Error, StringComparison.Ordinal);
        await AssertNoJobNamedAsync(displayName);
    }

    [Fact]
    public async Task Transfer_OverLongName_IsRefused_AndCreatesNoJob()
    {
        var displayName = "x" + new string('n', JobLimits.MaxDisplayNameLength);

        var run = await CliRun.InvokeAsync(fixture.Client, "transfer", "http://127.0.0.1:9/a.bin", Path.Combine(_work.FullName, "a.bin"), "--name", displayName);

        Assert.Equal(ExitCodes.Refused, run.ExitCode);
        Assert.Contains("error NameTooLong", run.Error, StringComparison.Ordinal);
        Assert.Contains("displayName", run.Error, StringComparison.Ordinal);
        await AssertNoJobNamedAsync(displayName);
    }

    public static TheoryData<string, string, TransferErrorCode, string> ClientCases => new()
    {
        { "relative path", "relative/a.bin", TransferErrorCode.InvalidLocalPath, "files[0].localPath" },
        { "traversing path", "/tmp/../etc/a.bin", TransferErrorCode.InvalidLocalPath, "files[0].localPath" },
    };

    [Theory]
    [MemberData(nameof(ClientCases))]
    public async Task ClientLibrary_BadPath_IsRefused_AndCreatesNoJob(string name, string localPath, TransferErrorCode code, string field)
    {
        var displayName = $"bad-input {name} {Guid.NewGuid():N}";
        var request = new CreateJobRequest(
            displayName, null, JobType.Download, JobPriority.Normal, Owner: "", [new FileSpec("http://127.0.0.1:9/a.bin", localPath)], Resume: true);

        var error = await Assert.ThrowsAsync<TransferJobException>(() => fixture.Client.CreateJobAsync(request));

        Assert.Equal((code, field), (error.Code, error.Field));
        await AssertNoJobNamedAsync(displayName);
    }

    private async Task AssertNoJobNamedAsync(string displayName)
    {
        var page = await fixture.Client.ListPageAsync(new JobListQuery(null, IncludeFinal: true, NamePrefix: displayName));
        Assert.Empty(page.Jobs);
    }
}
