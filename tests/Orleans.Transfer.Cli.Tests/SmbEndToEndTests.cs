using System.Security.Cryptography;
using Orleans.Transfer.Testing.Samba;

namespace Orleans.Transfer.Cli.Tests;

/// <summary>
/// Issue 13 through every layer, in separate real processes: the real <c>xfer</c>, a real silo and a real Samba server
/// (smbd on 127.0.0.1 and a free port, one share and one user). <c>--user</c> with the password on standard input
/// becomes the job's ntlm server credential, which the silo's smb transport logs on to the share with.
/// </summary>
public sealed class SmbEndToEndTests : IAsyncLifetime
{
    private SambaServer? _samba;
    private SiloAndXfer? _service;

    public async Task InitializeAsync()
    {
        // xunit does not dispose a fixture whose start failed: stop what did start.
        try
        {
            _samba = await SambaServer.CreateAsync();
            _service = await SiloAndXfer.StartAsync("smb");
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    public async Task DisposeAsync()
    {
        if (_service is not null)
        {
            await _service.DisposeAsync();
        }

        if (_samba is not null)
        {
            await _samba.DisposeAsync();
        }
    }

    [Fact]
    public async Task Transfer_FromTheShare_WithUser_PasswordOnStandardInput_IsByteIdentical()
    {
        var content = RandomNumberGenerator.GetBytes(3 * 1024 * 1024 + 17);
        await _samba!.PutAsync("dir/big.iso", content);
        var destination = Path.Combine(_service!.Outside, "big.iso");

        await _service.Xfer.OkAsync(_samba.Password + "\n", "transfer", _samba.Url("dir/big.iso"), destination, "--user", _samba.UserName, "--quiet");

        Assert.Equal(content, await File.ReadAllBytesAsync(destination));
        Assert.All(_service.Xfer.Runs, run => Assert.DoesNotContain(_samba.Password, run.Out + run.Error, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Upload_ToTheShare_WithUser_IsByteIdenticalOnTheShare_UnderItsNameOnly()
    {
        var content = RandomNumberGenerator.GetBytes(2 * 1024 * 1024 + 5);
        var local = Path.Combine(_service!.Outside, "report.bin");
        await File.WriteAllBytesAsync(local, content);

        await _service.Xfer.OkAsync(_samba!.Password + "\n", "upload", local, _samba.Url("report.bin"), "--user", _samba.UserName, "--quiet");

        Assert.Equal(content, await File.ReadAllBytesAsync(_samba.LocalPath("report.bin")));
        Assert.Equal(["report.bin"], Directory.GetFiles(_samba.ShareDirectory).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Transfer_WithAWrongPassword_ExitsOne_WithAuthenticationRequired_AndNoFile()
    {
        await _samba!.PutAsync("secret.bin", [1, 2, 3]);
        var destination = Path.Combine(_service!.Outside, "secret.bin");

        var run = await _service.Xfer.RunAsync("not-the-password\n", "transfer", _samba.Url("secret.bin"), destination, "--user", _samba.UserName, "--quiet");

        Assert.True(run.ExitCode == ExitCodes.JobFailed, run.ToString());
        Assert.Contains("error AuthenticationRequired", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(destination));
    }

    [Fact]
    public async Task Transfer_BasicAuthForAShare_ExitsTwo_AndCreatesNoJob()
    {
        var run = await _service!.Xfer.RunAsync(_samba!.Password + "\n", "transfer", _samba.Url("any.bin"), Path.Combine(_service.Outside, "any.bin"), "--user", _samba.UserName, "--auth", "basic");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("takes ntlm or negotiate credentials only", run.Error, StringComparison.Ordinal);
        Assert.Equal("[]", (await _service.Xfer.OkAsync(null, "job", "list", "--format", "json")).Trim());
    }

    [Fact]
    public async Task Upload_WithReplyToAShare_ExitsTwo_AndCreatesNoJob()
    {
        var local = Path.Combine(_service!.Outside, "ask.bin");
        await File.WriteAllBytesAsync(local, [1]);

        var run = await _service.Xfer.RunAsync(null, "upload", local, _samba!.Url("ask.bin"), "--reply", Path.Combine(_service.Outside, "reply.bin"));

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("BITS has no upload-reply over SMB", run.Error, StringComparison.Ordinal);
        Assert.Equal("[]", (await _service.Xfer.OkAsync(null, "job", "list", "--format", "json")).Trim());
        Assert.Empty(Directory.GetFiles(_samba.ShareDirectory));
    }
}
