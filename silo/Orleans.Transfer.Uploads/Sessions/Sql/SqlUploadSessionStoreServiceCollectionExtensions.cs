using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Transfer.Uploads.Sessions;
using Orleans.Transfer.Uploads.Sessions.Sql;

namespace Orleans.Transfer.Uploads;

/// <summary>Registers the SQL session store of the BITS upload server.</summary>
public static class SqlUploadSessionStoreServiceCollectionExtensions
{
    /// <summary>
    /// Keeps the upload server's sessions in SQLite or PostgreSQL (<see cref="SqlUploadSessionStoreOptions"/>, bound from
    /// <c>Transfer:Uploads:SessionStore</c>, then <paramref name="configure"/>; validated at start). Use it with
    /// <c>AddBitsUploads</c> in an app without Orleans; the silo keeps sessions in grains instead.
    /// </summary>
    public static IServiceCollection AddSqlUploadSessionStore(this IServiceCollection services, Action<SqlUploadSessionStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<SqlUploadSessionStoreOptions>()
            .BindConfiguration(SqlUploadSessionStoreOptions.SectionName)
            .ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SqlUploadSessionStoreOptions>, SqlUploadSessionStoreOptionsValidator>());
        services.TryAddSingleton<SqlUploadSessionStore>();
        services.TryAddSingleton<IUploadSessionStore>(sp => sp.GetRequiredService<SqlUploadSessionStore>());
        return services;
    }
}
