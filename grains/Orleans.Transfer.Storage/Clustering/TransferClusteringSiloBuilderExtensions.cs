using Orleans.Transfer.Storage.Data;

namespace Orleans.Transfer.Storage.Clustering;

/// <summary>Cluster membership in the service's own PostgreSQL database (Sql/postgresql/06-clustering.sql).</summary>
public static class TransferClusteringSiloBuilderExtensions
{
    /// <summary>
    /// Uses Orleans' ADO.NET clustering on the database <c>AddTransferStorage</c> configures, with the membership
    /// queries our schema installs. The caller has checked that the profile is <see cref="StorageProfile.PostgreSql"/>:
    /// there is no SQLite membership table.
    /// </summary>
    public static ISiloBuilder UseTransferClustering(this ISiloBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.UseAdoNetClustering(options => options.Configure<StorageDatabase>((clustering, database) =>
        {
            clustering.Invariant = database.AdoNetInvariant;
            clustering.ConnectionString = database.ConnectionString;
        }));
    }
}
