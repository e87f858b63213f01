using Orleans.Transfer.Cli.Input;
using Orleans.Transfer.Http;

namespace Orleans.Transfer.Cli.Tests;

/// <summary><c>xfer transfer --user</c> takes the password from XFER_PASSWORD before standard input.</summary>
[Collection(EnvironmentCollection.Name)]
public sealed class TransferPasswordVariableTests : IDisposable
{
    private readonly string? _saved = Environment.GetEnvironmentVariable(TransferHttpOptions.PasswordVariable);

    public void Dispose() => Environment.SetEnvironmentVariable(TransferHttpOptions.PasswordVariable, _saved);

    [Fact]
    public async Task Transfer_User_TakesThePasswordFromTheVariable_BeforeStdin()
    {
        Environment.SetEnvironmentVariable(TransferHttpOptions.PasswordVariable, "from-variable");
        var client = new FakeTransferClient();

        var run = await CliRun.WithInputAsync(client, "from-stdin\n", "transfer", "https://example.com/a.bin", "a.bin", "--no-wait", "--user", "alice");

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Equal(new JobCredential(AuthTarget.Server, AuthScheme.Basic, "alice", "from-variable"), Assert.Single(client.LastCreate!.Credentials!));
    }

    [Fact]
    public void PasswordVariable_KeepsItsName() => Assert.Equal("XFER_PASSWORD", TransferHttpOptions.PasswordVariable);
}
