using Microsoft.Extensions.DependencyInjection;
using Orleans.Transfer.Testing.FakeTransport;

namespace Orleans.Transfer.Worker.Tests;

/// <summary>The worker with the tests' options (<see cref="TestWorker"/>) and the fake transports, as the fake-transport tests use it.</summary>
internal static class FakeWorkerServices
{
    /// <summary>Builds the provider; <paramref name="receiver"/>, when given, also registers the fake upload transport.</summary>
    public static ServiceProvider Build(FakeRemote remote, FakeReceiver? receiver = null)
    {
        var services = new ServiceCollection()
            .AddLogging()
            .AddTestTransferWorker()
            .AddFakeTransport(remote);
        if (receiver is not null)
        {
            services.AddFakeUploadTransport(receiver);
        }

        return services.BuildServiceProvider();
    }
}
