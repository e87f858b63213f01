using System.Globalization;

namespace Orleans.Transfer.Testing;

/// <summary>
/// Real silo processes in one cluster: a fresh PostgreSQL schema and cluster id per instance, random ports, each silo
/// its own XFER_HOME and host name (host0, host1, ...: as if on machines of their own), <see cref="Root"/> the shared
/// root every silo reaches, one shared key ring, and the first silo's service certificate shared by the others (when TLS
/// is on, that is, when the tests run as root), as docs/cluster.md tells an operator to set them up.
/// </summary>
public sealed class SiloCluster : IAsyncDisposable
{
    private readonly List<SiloProcess> _silos = [];

    private SiloCluster(string root) => Root = root;

    public string Root { get; }

    /// <summary>The connection string of the cluster's own schema on the test PostgreSQL, for tests that look at its rows.</summary>
    public string PostgresConnectionString { get; private set; } = string.Empty;

    public IReadOnlyList<SiloProcess> Silos => _silos;

    /// <summary>
    /// Starts <paramref name="count"/> silos; <paramref name="tightProbes"/> detects a death in about 2 s;
    /// <paramref name="perSilo"/> adds variables to the silo of each index (its own upload port, say);
    /// <paramref name="extra"/> adds environment variables every silo gets.
    /// </summary>
    public static async Task<SiloCluster> StartAsync(
        string root,
        int count,
        bool tightProbes = true,
        Func<int, IReadOnlyDictionary<string, string>>? perSilo = null,
        IReadOnlyDictionary<string, string>? extra = null)
    {
        var cluster = new SiloCluster(root);
        try
        {
            var shared = Directory.CreateDirectory(Path.Combine(root, "shared"));
            var environment = new Dictionary<string, string>(await StorageProfiles.EnvironmentForAsync("PostgreSql", "cluster"))
            {
                ["XFER_CLUSTER_ID"] = "test-" + Guid.NewGuid().ToString("N"),
                ["Transfer__Security__KeyDirectory"] = Path.Combine(shared.FullName, "keys"),
                ["XFER_SHARED_ROOTS"] = root,
            };
            foreach (var (name, value) in extra ?? new Dictionary<string, string>())
            {
                environment[name] = value;
            }

            cluster.PostgresConnectionString = environment["XFER_POSTGRES"];

            if (tightProbes)
            {
                environment["Transfer__Cluster__ProbeTimeout"] = TimeSpan.FromSeconds(1).ToString("c", CultureInfo.InvariantCulture);
                environment["Transfer__Cluster__MissedProbesLimit"] = "2";
            }

            var first = cluster.Add(environment, 0, perSilo);
            await first.StartAsync();
            var certificate = Path.Combine(first.DataDirectory, "tls", "service.pfx");
            if (File.Exists(certificate))
            {
                environment["Transfer__Security__CertificatePath"] = certificate;
            }

            var others = Enumerable.Range(1, count - 1).Select(i => cluster.Add(environment, i, perSilo)).ToList();
            await Task.WhenAll(others.Select(s => s.StartAsync()));
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>The silo whose address (a job's <c>Silo</c>, <c>host:port@generation</c>) is <paramref name="silo"/>.</summary>
    public SiloProcess ByAddress(string silo)
    {
        var port = int.Parse(silo[(silo.IndexOf(':', StringComparison.Ordinal) + 1)..silo.IndexOf('@', StringComparison.Ordinal)], CultureInfo.InvariantCulture);
        return _silos.Single(s => s.SiloPort == port);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var silo in _silos)
        {
            await silo.DisposeAsync();
        }
    }

    private SiloProcess Add(Dictionary<string, string> environment, int index, Func<int, IReadOnlyDictionary<string, string>>? perSilo)
    {
        var own = new Dictionary<string, string>(environment) { ["XFER_HOST_NAME"] = $"host{index}" };
        foreach (var (key, value) in perSilo?.Invoke(index) ?? new Dictionary<string, string>())
        {
            own[key] = value;
        }

        var silo = new SiloProcess(Directory.CreateDirectory(Path.Combine(Root, $"silo{index}")).FullName, own);
        _silos.Add(silo);
        return silo;
    }
}
