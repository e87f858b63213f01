using System.Runtime.Versioning;

namespace Orleans.Transfer.Integration.Tests.Security;

/// <summary>
/// A multi-user test's <see cref="MultiUserService"/>: started only where <see cref="RootFactAttribute"/> tests run, so
/// a test that is skipped starts nothing, and stopped with the test.
/// </summary>
[SupportedOSPlatform("linux")]
internal sealed class RootOnlyService
{
    private MultiUserService? _service;

    /// <summary>The running service; <see cref="RootFactAttribute"/> tests run only where <see cref="StartAsync"/> started it.</summary>
    public MultiUserService Service =>
        _service ?? throw new InvalidOperationException($"the multi-user service was not started: {new RootFactAttribute().Skip}");

    /// <summary>Makes the users, runs <paramref name="prepare"/>, then starts the service; false, starting nothing, where the tests are skipped.</summary>
    /// <param name="prepare">What else the machine needs before the service starts, such as a group of the users.</param>
    /// <param name="siloEnvironment">Extra environment of the service.</param>
    public async Task<bool> StartAsync(Func<Task>? prepare = null, IReadOnlyDictionary<string, string>? siloEnvironment = null)
    {
        if (new RootFactAttribute().Skip is not null)
        {
            return false;
        }

        await LocalUsers.EnsureAsync();
        if (prepare is not null)
        {
            await prepare();
        }

        _service = await MultiUserService.StartAsync(siloEnvironment);
        return true;
    }

    /// <summary>Stops the service and deletes what it made, when it started.</summary>
    public async Task DisposeAsync()
    {
        if (_service is not null)
        {
            await _service.DisposeAsync();
        }
    }
}
