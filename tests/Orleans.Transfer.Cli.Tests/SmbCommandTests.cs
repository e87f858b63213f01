using Orleans.Transfer.Cli.Input;
using Orleans.Transfer.Http;

namespace Orleans.Transfer.Cli.Tests;

/// <summary>
/// SMB remotes on the command line (issue 13), against a scripted client: which credential <c>--user</c> makes for a
/// share, UNC paths, <c>--password-file</c>, and what is refused before the service is asked.
/// </summary>
public sealed class SmbCommandTests : IDisposable
{
    private const string Share = "smb://fileserver/share/dir/big.iso";
    private const string Unc = @"\\fileserver\share\dir\big.iso";
    private const string Password = "smb-secret";

    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("xfer-smb-cli-");

    [Theory]
    [InlineData(Share, true)]
    [InlineData("SMB://fileserver/share/a", true)]
    [InlineData(Unc, true)]
    [InlineData(@"\\?\C:\data\a.bin", false)]
    [InlineData(@"\\.\pipe\orleans-transfer", false)]
    [InlineData("https://example.com/a.bin", false)]
    [InlineData("file:///data/a.bin", false)]
    [InlineData("/data/a.bin", false)]
    public void IsSmb_KnowsSharesFromOtherRemotes(string remote, bool expected) => Assert.Equal(expected, SmbNames.IsSmb(remote));

    [Theory]
    [InlineData(null, "https://example.com/a", AuthScheme.Basic)]
    [InlineData(AuthScheme.Digest, "https://example.com/a", AuthScheme.Digest)]
    [InlineData(null, Share, AuthScheme.Ntlm)]
    [InlineData(null, Unc, AuthScheme.Ntlm)]
    [InlineData(AuthScheme.Ntlm, Share, AuthScheme.Ntlm)]
    [InlineData(AuthScheme.Negotiate, Unc, AuthScheme.Negotiate)]
    public void CredentialScheme_IsAuth_ElseNtlmForAShare_ElseBasic(AuthScheme? given, string remote, AuthScheme expected) =>
        Assert.Equal(expected, SmbRemotes.CredentialScheme(given, ["https://example.com/other", remote]));

    [Theory]
    [InlineData(AuthScheme.Basic)]
    [InlineData(AuthScheme.Digest)]
    public void CredentialScheme_BasicOrDigest_ForAShare_IsRefused_NamingTheShareAndTheWayOut(AuthScheme given)
    {
        var refusal = Assert.Throws<UsageException>(() => SmbRemotes.CredentialScheme(given, ["https://example.com/a", Unc]));

        Assert.StartsWith($"--auth {given.ToString().ToLowerInvariant()}: '{Unc}' is on an SMB share", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("ntlm or negotiate", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Transfer_FromAShare_WithUser_SendsAnNtlmServerCredential_PasswordFromStandardInput()
    {
        var client = new FakeTransferClient();

        var run = await CliRun.WithInputAsync(
            client, Password + "\n", "transfer", Share, Path.Combine(_directory.FullName, "big.iso"), "--no-wait", "--user", @"DOMAIN\alice");

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        var request = client.LastCreate!;
        Assert.Equal(new FileSpec(Share, Path.Combine(_directory.FullName, "big.iso")), Assert.Single(request.Files!));
        Assert.Equal(new JobCredential(AuthTarget.Server, AuthScheme.Ntlm, @"DOMAIN\alice", Password), Assert.Single(request.Credentials!));
        Assert.DoesNotContain(Password, run.Out + run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Transfer_FromAShare_AuthNegotiate_SendsANegotiateCredential()
    {
        var client = new FakeTransferClient();

        var run = await CliRun.WithInputAsync(client, Password + "\n", "transfer", Unc, "big.iso", "--no-wait", "--user", "alice@EXAMPLE.COM", "--auth", "negotiate");

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Equal(AuthScheme.Negotiate, Assert.Single(client.LastCreate!.Credentials!).Scheme);
    }

    [Theory]
    [InlineData(Share, "basic")]
    [InlineData(Unc, "digest")]
    public async Task Transfer_FromAShare_BasicOrDigest_ExitsTwo_BeforeReadingThePasswordOrAskingTheService(string remote, string scheme)
    {
        var run = await CliRun.WithoutServiceAsync("transfer", remote, "big.iso", "--user", "alice", "--auth", scheme);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains($"error: --auth {scheme}: '{remote}' is on an SMB share", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Transfer_UncSource_IntoADirectory_KeepsTheFilesName_AndSendsThePathAsGiven()
    {
        var client = new FakeTransferClient();

        var run = await CliRun.InvokeAsync(client, "transfer", @"\\fileserver\share\dir\big%41.iso", _directory.FullName, "--no-wait");

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Equal(
            new FileSpec(@"\\fileserver\share\dir\big%41.iso", Path.Combine(_directory.FullName, "big%41.iso")),
            Assert.Single(client.LastCreate!.Files!));
    }

    [Fact]
    public async Task Transfer_PasswordFile_IsReadInsteadOfStandardInput()
    {
        var file = Path.Combine(_directory.FullName, "password");
        await File.WriteAllTextAsync(file, Password + "\n");
        var client = new FakeTransferClient();

        var run = await CliRun.WithInputAsync(client, "not-this\n", "transfer", Share, "big.iso", "--no-wait", "--user", "alice", "--password-file", file);

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Equal(new JobCredential(AuthTarget.Server, AuthScheme.Ntlm, "alice", Password), Assert.Single(client.LastCreate!.Credentials!));
    }

    [Fact]
    public async Task Transfer_PasswordFileWithoutUser_ExitsTwo()
    {
        var run = await CliRun.WithoutServiceAsync("transfer", Share, "big.iso", "--password-file", "/nonexistent");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("--password-file: needs --user.", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Share)]
    [InlineData(Unc)]
    public async Task Upload_ToAShare_CreatesAnUploadJob_WithAnNtlmCredential(string remote)
    {
        var client = new FakeTransferClient();

        var run = await CliRun.WithInputAsync(client, Password + "\n", "upload", NewFile(), remote, "--user", @"DOMAIN\alice", "--no-wait");

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        var request = client.LastCreate!;
        Assert.Equal((JobType.Upload, remote), (request.Type, Assert.Single(request.Files!).RemoteUrl));
        Assert.Equal(new JobCredential(AuthTarget.Server, AuthScheme.Ntlm, @"DOMAIN\alice", Password), Assert.Single(request.Credentials!));
    }

    [Theory]
    [InlineData(Share)]
    [InlineData(Unc)]
    public async Task Upload_ToAShare_WithReply_ExitsTwo_SayingSmbHasNoUploadReply(string remote)
    {
        var run = await CliRun.WithoutServiceAsync("upload", NewFile(), remote, "--reply", "reply.bin");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains($"error: --reply: '{remote}' is on an SMB share", run.Error, StringComparison.Ordinal);
        Assert.Contains("BITS has no upload-reply over SMB", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JobAddFile_AcceptsAUncPath_AsGiven()
    {
        var client = new FakeTransferClient();

        var run = await CliRun.InvokeAsync(client, "job", "add-file", FakeTransferClient.JobId.ToString(), Unc, Path.Combine(_directory.FullName, "big.iso"));

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Equal(new FileSpec(Unc, Path.Combine(_directory.FullName, "big.iso")), Assert.Single(client.AddedFiles));
    }

    public void Dispose() => _directory.Delete(recursive: true);

    private string NewFile()
    {
        var path = Path.Combine(_directory.FullName, $"{Guid.NewGuid():N}.bin");
        File.WriteAllBytes(path, [1, 2, 3]);
        return path;
    }
}
