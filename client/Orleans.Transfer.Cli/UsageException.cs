namespace Orleans.Transfer.Cli;

/// <summary>An argument failed client-side validation; maps to <see cref="ExitCodes.Usage"/>.</summary>
internal sealed class UsageException : Exception
{
    public UsageException(string message)
        : base(message)
    {
        Messages = [message];
    }

    /// <summary>Several problems at once (the bad lines of an input file), each printed on its own line.</summary>
    public UsageException(IReadOnlyList<string> messages)
        : base(string.Join(Environment.NewLine, messages))
    {
        Messages = messages;
    }

    /// <summary>What is wrong, one problem per item.</summary>
    public IReadOnlyList<string> Messages { get; }
}
