namespace Orleans.Transfer.Integration.Tests.Cluster;

/// <summary>
/// In a cluster a load balancer may send any packet of an upload session to any silo, so each upload directory must
/// say whether its root is shared storage; a silo with an undeclared one refuses to start (exit 6) naming the setting.
/// </summary>
public sealed class UploadDirectorySharingTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("xfer-upload-sharing-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task ClusteredSilo_UploadRootNotDeclaredShared_RefusesToStart_NamingTheSetting()
    {
        var uploads = Directory.CreateDirectory(Path.Combine(_root, "uploads")).FullName;
        await using var silo = new SiloProcess(Directory.CreateDirectory(Path.Combine(_root, "home")).FullName, new Dictionary<string, string>
        {
            ["XFER_CLUSTER_ID"] = "east",
            ["XFER_UPLOAD_ROOT"] = uploads,
            ["XFER_UPLOAD_PORT"] = LoopbackPorts.Free().ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(silo.StartAsync);

        Assert.Equal(6, silo.ExitCode);
        Assert.Contains("Transfer__Uploads__Directories__XFER_UPLOAD_ROOT__Shared", refused.Message, StringComparison.Ordinal);
        Assert.Contains("XFER_CLUSTER_ID", refused.Message, StringComparison.Ordinal);
    }
}
