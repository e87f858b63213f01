namespace Orleans.Transfer.Cli.Service;

/// <summary>
/// Fails the Orleans client's connection attempt at once, so "the service is not running" is known in about a second;
/// <see cref="ServiceConnection"/> decides whether to start the service and try again.
/// </summary>
internal sealed class GiveUpRetryFilter : IClientConnectionRetryFilter
{
    public Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken) =>
        Task.FromResult(false);
}
