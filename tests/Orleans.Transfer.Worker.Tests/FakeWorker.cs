using Microsoft.Extensions.DependencyInjection;
using Orleans.Transfer.Testing.FakeTransport;

namespace Orleans.Transfer.Worker.Tests;

/// <summary>
/// The worker with the tests' options (<see cref="TestWorker"/>) and the fake transports, and a scratch directory, made
/// together and removed together: what the fake-transport tests start from.
/// </summary>
internal sealed class FakeWorker : IDisposable
{
    /// <param name="prefix">What the scratch directory's name starts with.</param>
    /// <param name="remote">The fake download transport's files.</param>
    /// <param name="receiver">When given, the fake upload transport is registered too, receiving into it.</param>
    public FakeWorker(string prefix, FakeRemote remote, FakeReceiver? receiver = null)
    {
        Scratch = Directory.CreateTempSubdirectory(prefix).FullName;
        var services = new ServiceCollection().AddLogging().AddTestTransferWorker().AddFakeTransport(remote);
        if (receiver is not null)
        {
            services.AddFakeUploadTransport(receiver);
        }

        Services = services.BuildServiceProvider();
    }

    /// <summary>The scratch directory; deleted, with all below it, on disposal.</summary>
    public string Scratch { get; }

    public ServiceProvider Services { get; }

    public ITransferWorker Worker => Services.GetRequiredService<ITransferWorker>();

    /// <summary>Disposes the services, then deletes the scratch directory.</summary>
    public void Dispose()
    {
        Services.Dispose();
        Directory.Delete(Scratch, recursive: true);
    }
}
