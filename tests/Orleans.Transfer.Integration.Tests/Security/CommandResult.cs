namespace Orleans.Transfer.Integration.Tests.Security;

/// <summary>What a command run as a user did.</summary>
internal sealed record CommandResult(string User, string Command, int ExitCode, string Output, string Error)
{
    public override string ToString() => $"[{User}] {Command} -> exit {ExitCode}\nstdout: {Output}\nstderr: {Error}";
}
