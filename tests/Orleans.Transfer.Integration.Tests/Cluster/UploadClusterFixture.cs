using System.Globalization;

namespace Orleans.Transfer.Integration.Tests.Cluster;

/// <summary>
/// Three real silos in one cluster, each serving the BITS upload directory <c>/uploads</c> on its own port from one
/// shared root (declared Shared), with nginx round-robin in front; started once for <see cref="UploadClusterTests"/>.
/// Without PostgreSQL nothing starts (the tests are skipped, see <see cref="ClusterTheoryAttribute"/>).
/// </summary>
public sealed class UploadClusterFixture : IAsyncLifetime
{
    private static readonly TimeSpan s_portDeadline = TimeSpan.FromSeconds(60);
    private readonly string _root = Directory.CreateTempSubdirectory("xfer-upload-cluster-").FullName;
    private SiloCluster? _cluster;
    private NginxRoundRobinProxy? _proxy;

    public int[] UploadPorts { get; } = [LoopbackPorts.Free(), LoopbackPorts.Free(), LoopbackPorts.Free()];

    /// <summary>The shared root; its subdirectory <c>in</c> is <c>/uploads/in</c>.</summary>
    public string Uploads => Path.Combine(_root, "uploads");

    internal SiloCluster Cluster => _cluster ?? throw new InvalidOperationException("the cluster did not start");

    internal NginxRoundRobinProxy Proxy => _proxy ?? throw new InvalidOperationException("nginx did not start");

    public async Task InitializeAsync()
    {
        if (StorageProfiles.PostgresConnectionString is null && !StorageProfiles.IsCi)
        {
            return;
        }

        Directory.CreateDirectory(Path.Combine(Uploads, "in"));
        _cluster = await SiloCluster.StartAsync(_root, count: 3, perSilo: i => new Dictionary<string, string>
        {
            ["XFER_UPLOAD_ROOT"] = Uploads,
            ["XFER_UPLOAD_PORT"] = UploadPorts[i].ToString(CultureInfo.InvariantCulture),
            ["Transfer__Uploads__Directories__XFER_UPLOAD_ROOT__Shared"] = "true",
            ["Logging__LogLevel__Orleans.Transfer.Uploads.Protocol.FragmentPacket"] = "Debug",
        });
        for (var i = 0; i < 3; i++)
        {
            await _cluster.Silos[i].UntilListeningAsync(UploadPorts[i], s_portDeadline);
        }

        _proxy = await NginxRoundRobinProxy.StartAsync(Path.Combine(_root, "nginx"), UploadPorts);
    }

    public async Task DisposeAsync()
    {
        if (_proxy is not null)
        {
            await _proxy.DisposeAsync();
        }

        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }

        Directory.Delete(_root, recursive: true);
    }
}
