using System.Text.Json;

namespace Orleans.Transfer.Cli.Tests;

/// <summary>Real command lines against the real grains, through the CLI's own <c>ITransferClient</c>.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ServiceBackedTests(ClusterFixture fixture) : IDisposable
{
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("xfer-cli-work-");

    public void Dispose() => _work.Delete(recursive: true);

    [Fact]
    public async Task Transfer_FileSource_ExitsZero_WithIdenticalBytes()
    {
        var source = Path.Combine(_work.FullName, "source.bin");
        var bytes = Enumerable.Range(0, 100_000).Select(i => (byte)(i * 7)).ToArray();
        await File.WriteAllBytesAsync(source, bytes);
        var destination = Directory.CreateDirectory(Path.Combine(_work.FullName, "out")).FullName;

        var run = await Xfer("transfer", new Uri(source).AbsoluteUri, destination);

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Equal(bytes, await File.ReadAllBytesAsync(Path.Combine(destination, "source.bin")));
    }

    [Fact]
    public async Task JobLifecycle_CreateAddResumeInfoListComplete()
    {
        var source = Path.Combine(_work.FullName, "a.txt");
        await File.WriteAllTextAsync(source, "hello, transfer");
        var destination = Path.Combine(_work.FullName, "a-copy.txt");

        var create = await Xfer("job", "create", "lifecycle", "--description", "a test", "--priority", "high");
        Assert.True(create.ExitCode == ExitCodes.Success, create.ToString());
        var id = create.Out.Trim();
        Assert.True(Guid.TryParse(id, out _), create.ToString());

        var add = await Xfer("job", "add-file", id, source, destination);
        Assert.True(add.ExitCode == ExitCodes.Success, add.ToString());

        var info = await Xfer("job", "info", id, "--format", "json");
        Assert.True(info.ExitCode == ExitCodes.Success, info.ToString());
        using (var json = JsonDocument.Parse(info.Out))
        {
            Assert.Equal("Suspended", json.RootElement.GetProperty("state").GetString());
            Assert.Equal("High", json.RootElement.GetProperty("priority").GetString());
            Assert.Equal("a test", json.RootElement.GetProperty("description").GetString());
            Assert.Equal(destination, json.RootElement.GetProperty("files")[0].GetProperty("localPath").GetString());
        }

        var list = await Xfer("job", "list", "--format", "json");
        Assert.True(list.ExitCode == ExitCodes.Success, list.ToString());
        using (var json = JsonDocument.Parse(list.Out))
        {
            Assert.Contains(json.RootElement.EnumerateArray(), job => job.GetProperty("id").GetString() == id);
        }

        Assert.Equal(ExitCodes.Success, (await Xfer("job", "resume", id)).ExitCode);
        var watch = await Xfer("job", "watch", id);
        Assert.True(watch.ExitCode == ExitCodes.Success, watch.ToString());

        var complete = await Xfer("job", "complete", id);
        Assert.True(complete.ExitCode == ExitCodes.Success, complete.ToString());
        Assert.Equal("hello, transfer", await File.ReadAllTextAsync(destination));
    }

    [Fact]
    public async Task Cancel_ThenResume_IsRefusedWithInvalidState()
    {
        var create = await Xfer("job", "create", "to-cancel");
        var id = create.Out.Trim();

        var cancel = await Xfer("job", "cancel", id);
        var resume = await Xfer("job", "resume", id);

        Assert.True(cancel.ExitCode == ExitCodes.Success, cancel.ToString());
        Assert.Equal(ExitCodes.Refused, resume.ExitCode);
        Assert.Contains("error InvalidState", resume.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Info_UnknownJob_IsRefusedWithNotFound()
    {
        var run = await Xfer("job", "info", Guid.NewGuid().ToString());

        Assert.Equal(ExitCodes.Refused, run.ExitCode);
        Assert.Contains("error NotFound", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Transfer_MissingDestinationDirectory_IsRefused()
    {
        var source = Path.Combine(_work.FullName, "b.txt");
        await File.WriteAllTextAsync(source, "b");

        var run = await Xfer("transfer", source, Path.Combine(_work.FullName, "missing", "b.txt"));

        Assert.Equal(ExitCodes.Refused, run.ExitCode);
        Assert.Contains("error DestinationNotFound", run.Error, StringComparison.Ordinal);
    }

    private Task<CliRun> Xfer(params string[] args) => CliRun.InvokeAsync(fixture.Client, args);
}
