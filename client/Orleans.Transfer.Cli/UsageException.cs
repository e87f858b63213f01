namespace Orleans.Transfer.Cli;

/// <summary>An argument failed client-side validation; maps to <see cref="ExitCodes.Usage"/>.</summary>
internal sealed class UsageException(string message) : Exception(message);
