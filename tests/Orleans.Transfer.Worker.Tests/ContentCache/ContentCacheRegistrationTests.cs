using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Orleans.Transfer.Worker.Tests.ContentCache;

public sealed class ContentCacheRegistrationTests
{
    [Fact]
    public void TheCache_TakesTheHttpTransportsPlace_KeepingTheSchemeOrder_AndTheWorkerMayBeAddedAgain()
    {
        var plain = new ServiceCollection().AddLogging().AddTransferWorker();
        using var plainServices = plain.BuildServiceProvider();
        var cached = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(new ConfigurationBuilder().Build())
            .AddTransferWorker().AddContentCache().AddContentCache().AddTransferWorker();
        using var cachedServices = cached.BuildServiceProvider();

        var transports = cachedServices.GetServices<ITransport>().ToList();

        Assert.IsType<CachingHttpTransport>(transports[0]);
        Assert.Single(transports, t => t.Name == "http");
        Assert.Equal(plainServices.GetRequiredService<ITransportRegistry>().Schemes, cachedServices.GetRequiredService<ITransportRegistry>().Schemes);
    }
}
