using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Transfer.Silo.Security;

// In the silo's root namespace, beside Program.cs, which calls it.
namespace Orleans.Transfer.Silo;

public static class OrleansTlsSiloBuilderExtensions
{
    /// <summary>
    /// Requires mutual TLS on the gateway and silo-to-silo ports when <see cref="OrleansTlsOptions.OrleansTls"/> (section
    /// <c>Transfer:Security</c> of <paramref name="configuration"/>) says so; the service certificate lives in
    /// <paramref name="dataDirectory"/>/tls unless configured elsewhere.
    /// </summary>
    public static ISiloBuilder UseTransferTls(this ISiloBuilder silo, string dataDirectory, IConfiguration configuration)
    {
        silo.Services.AddOptions<OrleansTlsOptions>()
            .Bind(configuration.GetSection(OrleansTlsOptions.SectionName))
            .ValidateOnStart();
        silo.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OrleansTlsOptions>, OrleansTlsOptionsValidator>());
        silo.Services.TryAddSingleton(services => OrleansTransportSecurity.Create(services, dataDirectory));
        silo.Services.AddOptions<SiloConnectionOptions>()
            .Configure<OrleansTransportSecurity>((connections, security) => security.Configure(connections));
        return silo;
    }
}
