using Orleans.Transfer.Client;

namespace Orleans.Transfer.Integration.Tests.Smb;

/// <summary>SMB names checked at job input, through the real silo: traversal refused, UNC paths taken as smb URLs.</summary>
[Collection(SmbCollection.Name)]
public sealed class SmbInputTests(SmbSiloFixture fixture)
{
    private const string Field = "files[0].remoteUrl";

    private ITransferClient Client => fixture.Client;

    /// <summary>Adds: every spelling of leaving the share's directory is refused at job input with InvalidUrl naming the field, and no job is left behind.</summary>
    [Theory]
    [InlineData(JobType.Download, "smb://127.0.0.1:{0}/xfer/../etc/passwd")]
    [InlineData(JobType.Download, "smb://127.0.0.1:{0}/xfer/dir/%2e%2e/%2E%2E/etc/passwd")]
    [InlineData(JobType.Download, "smb://127.0.0.1:{0}/xfer/dir/..%2f..%2fetc%2fpasswd")]
    [InlineData(JobType.Download, "smb://127.0.0.1:{0}/xfer/dir/..%5c..%5cetc%5cpasswd")]
    [InlineData(JobType.Download, "smb://127.0.0.1:{0}/xfer/dir\\..\\..\\etc\\passwd")]
    [InlineData(JobType.Download, "\\\\127.0.0.1\\xfer\\dir\\..\\..\\etc\\passwd")]
    [InlineData(JobType.Download, "\\\\127.0.0.1\\xfer\\.\\x")]
    [InlineData(JobType.Upload, "smb://127.0.0.1:{0}/xfer/%2e%2e/x")]
    [InlineData(JobType.Upload, "\\\\127.0.0.1\\xfer\\..\\x")]
    public async Task TraversalInSharePath_RefusedAsInvalidUrl(JobType type, string remote)
    {
        var url = string.Format(System.Globalization.CultureInfo.InvariantCulture, remote, fixture.Samba.Port);
        var local = Path.Combine(fixture.NewDirectory("traversal"), "f.bin");
        if (type == JobType.Upload)
        {
            await File.WriteAllBytesAsync(local, [1, 2, 3]);
        }

        var name = "traversal " + Guid.NewGuid().ToString("N");
        var error = await Assert.ThrowsAsync<TransferJobException>(() => Client.CreateJobAsync(
            new CreateJobRequest(name, null, type, JobPriority.Normal, Owner: "", Files: [new FileSpec(url, local)])));

        Assert.Equal(TransferErrorCode.InvalidUrl, error.Code);
        Assert.Equal(Field, error.Field);
        Assert.Contains(Field, error.Message, StringComparison.Ordinal);
        var jobs = await Client.ListAsync(new JobListQuery(null, IncludeFinal: true));
        Assert.DoesNotContain(jobs, j => j.DisplayName == name);
    }

    /// <summary>Adds: on Linux a UNC path \\host\share\path is accepted and stored as the same file as smb://host/share/path (port 445, so no transfer).</summary>
    [Fact]
    public async Task UncPath_AcceptedAsTheSameSmbUrl()
    {
        var directory = fixture.NewDirectory("unc");
        var unc = await Client.CreateJobAsync(new CreateJobRequest(
            "unc", null, JobType.Download, JobPriority.Normal, Owner: "", Files: [new FileSpec(@"\\127.0.0.1\xfer\dir\big file.iso", Path.Combine(directory, "a.iso"))]));
        var url = await Client.CreateJobAsync(new CreateJobRequest(
            "url", null, JobType.Download, JobPriority.Normal, Owner: "", Files: [new FileSpec("smb://127.0.0.1/xfer/dir/big%20file.iso", Path.Combine(directory, "b.iso"))]));

        Assert.Equal("smb://127.0.0.1/xfer/dir/big%20file.iso", unc.Files[0].RemoteUrl);
        Assert.Equal(url.Files[0].RemoteUrl, unc.Files[0].RemoteUrl);
        await Client.CancelAsync(unc.Id);
        await Client.CancelAsync(url.Id);
    }
}
