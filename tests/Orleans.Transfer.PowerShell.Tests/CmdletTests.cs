namespace Orleans.Transfer.PowerShell.Tests;

/// <summary>
/// The OrleansTransfer module in a real pwsh against a real silo and HTTP origin: each test is one or two pwsh
/// processes running several checks, since pwsh's start-up dominates.
/// </summary>
[Collection(ModuleCollection.Name)]
public sealed class CmdletTests(ModuleFixture fixture) : IDisposable
{
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("xfer-ps-work-");

    public void Dispose() => _work.Delete(recursive: true);

    [Fact]
    public async Task StartSynchronous_PutsTheFileInPlace_AndAnAsynchronousJobCompletesThroughThePipeline()
    {
        _work.CreateSubdirectory("out");
        var first = await RunAsync($$"""
            $module = Get-Command -Module OrleansTransfer | ForEach-Object Name | Sort-Object
            Report 'module' @{ cmdlets = @($module) }
            $written = @(Start-XferTransfer -Source '{{fixture.Url("/file.bin")}}' -Destination ./sync.bin -DisplayName ps-sync)
            Report 'sync' @{ written = $written.Count }
            $job = Start-XferTransfer '{{fixture.Url("/file.bin")}}' ./out/ -Asynchronous -DisplayName ps-async
            Report 'async' @{ id = "$($job.JobId)"; type = $job.GetType().FullName; local = $job.FileList[0].LocalName }
            """);
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Equal(
            ["Add-XferFile", "Complete-XferTransfer", "Get-XferTransfer", "Remove-XferTransfer", "Resume-XferTransfer", "Set-XferTransfer",
                "Start-XferTransfer", "Suspend-XferTransfer"],
            first.Check("module").GetProperty("cmdlets").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(0, first.Check("sync").GetProperty("written").GetInt32());
        Assert.Equal(fixture.Content, await File.ReadAllBytesAsync(Path.Combine(_work.FullName, "sync.bin")));
        var async = first.Check("async");
        Assert.Equal("Orleans.Transfer.PowerShell.XferJob", async.GetProperty("type").GetString());
        Assert.Equal(Path.Combine(_work.FullName, "out", "file.bin"), async.GetProperty("local").GetString());
        var id = Guid.Parse(async.GetProperty("id").GetString()!);

        // The pipeline below needs the job transferred; the client library waits for that without polling.
        await foreach (var _ in fixture.Client.WatchAsync(id))
        {
        }

        var second = await RunAsync($$"""
            Get-XferTransfer -Name 'ps-asy*' | Complete-XferTransfer
            $after = Get-XferTransfer -JobId {{id}}
            $listed = @(Get-XferTransfer -AllUsers | Get-XferTransfer | Where-Object JobId -eq '{{id}}')
            Report 'completed' @{ state = "$($after.JobState)"; files = $after.FilesTransferred; listedAfterCompletion = $listed.Count }
            """);
        Assert.True(second.ExitCode == 0, second.ToString());
        var completed = second.Check("completed");
        Assert.Equal("Acknowledged", completed.GetProperty("state").GetString());
        Assert.Equal(1, completed.GetProperty("files").GetInt32());
        Assert.Equal(0, completed.GetProperty("listedAfterCompletion").GetInt32());
        Assert.Equal(fixture.Content, await File.ReadAllBytesAsync(Path.Combine(_work.FullName, "out", "file.bin")));
    }

    [Fact]
    public async Task SuspendResumeRemove_ActOnJobsFromThePipeline_AndWhatIfChangesNothing()
    {
        var run = await RunAsync($$"""
            $job = Start-XferTransfer '{{fixture.Url("/stall.bin")}}' ./stall.bin -Asynchronous -Priority Normal -DisplayName ps-stall
            $suspended = $job | Suspend-XferTransfer
            $resumed = $suspended | Resume-XferTransfer -Asynchronous
            $job | Remove-XferTransfer -WhatIf
            $afterWhatIf = Get-XferTransfer -JobId $job.JobId
            $job | Remove-XferTransfer
            $removed = Get-XferTransfer -JobId $job.JobId
            Report 'lifecycle' @{
                suspended = "$($suspended.JobState)"; resumed = "$($resumed.JobState)"
                afterWhatIf = "$($afterWhatIf.JobState)"; removed = "$($removed.JobState)"
            }

            $set = Start-XferTransfer '{{fixture.Url("/file.bin")}}' ./one.bin -Suspended -DisplayName ps-set |
                Add-XferFile -Source '{{fixture.Url("/file.bin")}}' -Destination ./two.bin |
                Set-XferTransfer -Priority Low -DisplayName ps-set-renamed -RetryInterval 30 -TransferPolicy standard
            Report 'set' @{ state = "$($set.JobState)"; files = $set.FilesTotal; priority = "$($set.Priority)"; name = $set.DisplayName; retry = $set.RetryInterval; policy = $set.TransferPolicy }
            $written = @($set | Resume-XferTransfer)
            Report 'resumed' @{ written = $written.Count; state = "$((Get-XferTransfer -JobId $set.JobId).JobState)" }
            """);

        Assert.True(run.ExitCode == 0, run.ToString());
        var lifecycle = run.Check("lifecycle");
        Assert.Equal("Suspended", lifecycle.GetProperty("suspended").GetString());
        Assert.Contains(lifecycle.GetProperty("resumed").GetString(), new[] { "Queued", "Connecting", "Transferring" });
        Assert.NotEqual("Cancelled", lifecycle.GetProperty("afterWhatIf").GetString());
        Assert.Equal("Cancelled", lifecycle.GetProperty("removed").GetString());
        Assert.False(File.Exists(Path.Combine(_work.FullName, "stall.bin")));
        Assert.Empty(_work.GetFiles(".stall.bin*"));

        var set = run.Check("set");
        Assert.Equal("Suspended", set.GetProperty("state").GetString());
        Assert.Equal(2, set.GetProperty("files").GetInt32());
        Assert.Equal("Low", set.GetProperty("priority").GetString());
        Assert.Equal("ps-set-renamed", set.GetProperty("name").GetString());
        Assert.Equal(30, set.GetProperty("retry").GetInt32());
        Assert.Equal("standard", set.GetProperty("policy").GetString());
        var resumed = run.Check("resumed");
        Assert.Equal(0, resumed.GetProperty("written").GetInt32());
        Assert.Equal("Acknowledged", resumed.GetProperty("state").GetString());
        Assert.Equal(fixture.Content, await File.ReadAllBytesAsync(Path.Combine(_work.FullName, "one.bin")));
        Assert.Equal(fixture.Content, await File.ReadAllBytesAsync(Path.Combine(_work.FullName, "two.bin")));
    }

    [Fact]
    public async Task Credential_DownloadsFromAServerThatDemandsBasic_AndThePasswordIsNeverShown()
    {
        var run = await RunAsync($$"""
            $password = ConvertTo-SecureString '{{ModuleFixture.Password}}' -AsPlainText -Force
            $credential = [pscredential]::new('{{ModuleFixture.UserName}}', $password)
            Start-XferTransfer '{{fixture.Url("/private.bin")}}' ./private.bin -Credential $credential -DisplayName ps-credential
            Report 'refused' (ErrorOf { Start-XferTransfer '{{fixture.Url("/private.bin")}}' ./later.bin -DisplayName ps-no-credential })
            $failed = Get-XferTransfer -Name ps-no-credential
            $failed | Set-XferTransfer -Credential $credential | Resume-XferTransfer
            $job = Get-XferTransfer -JobId $failed.JobId
            Report 'job' @{ state = "$($job.JobState)"; json = ($job | ConvertTo-Json -Depth 5); text = ($job | Format-List * | Out-String) }
            """);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(fixture.Content, await File.ReadAllBytesAsync(Path.Combine(_work.FullName, "private.bin")));
        var refused = run.Check("refused");
        Assert.Equal("AuthenticationRequired", refused.GetProperty("code").GetString());
        Assert.StartsWith("AuthenticationRequired,Orleans.Transfer.PowerShell.Commands.StartXferTransferCommand", refused.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.Equal("AuthenticationError", refused.GetProperty("category").GetString());
        Assert.Contains("Remove-XferTransfer", refused.GetProperty("message").GetString(), StringComparison.Ordinal);

        // Set-XferTransfer -Credential, then the synchronous Resume-XferTransfer, rescue the refused job.
        var job = run.Check("job");
        Assert.Equal("Acknowledged", job.GetProperty("state").GetString());
        Assert.Contains("ps-no-credential", job.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal(fixture.Content, await File.ReadAllBytesAsync(Path.Combine(_work.FullName, "later.bin")));
        Assert.DoesNotContain(ModuleFixture.Password, run.Out + run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(ModuleFixture.Password, fixture.Silo.ReadLog(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadArguments_AreErrorRecordsCarryingTheStableCode()
    {
        var missing = Guid.NewGuid();
        var run = await RunAsync($$"""
            Report 'notFound' (ErrorOf { Complete-XferTransfer -JobId {{missing}} })
            Report 'scheme' (ErrorOf { Start-XferTransfer -Source 'ftp://example.com/file' -Destination ./ftp.bin })
            Report 'pairs' (ErrorOf { Start-XferTransfer -Source a, b, c -Destination x, y })
            Report 'directory' (ErrorOf { Start-XferTransfer -Source '{{fixture.Url("/file.bin")}}' -Destination ./missing/file.bin })
            Report 'priority' (ErrorOf { Start-XferTransfer -Source '{{fixture.Url("/file.bin")}}' -Priority Urgent })
            Report 'empty' (ErrorOf { Set-XferTransfer -JobId {{missing}} })
            $env:XFER_SOCKET = '{{Path.Combine(_work.FullName, "nothing.sock")}}'
            Report 'service' (ErrorOf { Get-XferTransfer })
            """);

        Assert.True(run.ExitCode == 0, run.ToString());
        AssertError(run.Check("notFound"), "NotFound", "ObjectNotFound", missing.ToString());
        AssertError(run.Check("scheme"), "UnsupportedScheme", "NotImplemented", "ftp");
        AssertError(run.Check("pairs"), "InvalidArgument", "InvalidArgument", "-Destination: 2 destinations for 3 sources");
        AssertError(run.Check("directory"), "DestinationNotFound", "ObjectNotFound", "missing");
        var priority = run.Check("priority");
        Assert.Equal("InvalidArgument", priority.GetProperty("category").GetString());
        Assert.Contains("Foreground, High, Normal, Low", priority.GetProperty("message").GetString(), StringComparison.Ordinal);
        AssertError(run.Check("empty"), "InvalidArgument", "InvalidArgument", "give at least one of -DisplayName");
        var service = run.Check("service");
        Assert.StartsWith("ServiceUnavailable,", service.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.Equal("ResourceUnavailable", service.GetProperty("category").GetString());
        Assert.Contains("XFER_SOCKET", service.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Empty(_work.GetFileSystemInfos());
    }

    private static void AssertError(System.Text.Json.JsonElement error, string code, string category, string inMessage)
    {
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.StartsWith(code + ",Orleans.Transfer.PowerShell.Commands.", error.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.Equal(category, error.GetProperty("category").GetString());
        Assert.Contains(inMessage, error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    private Task<PwshRun> RunAsync(string script) => Pwsh.RunAsync(fixture.SocketPath, _work.FullName, script);
}
