namespace Orleans.Transfer.LocalApi.Tests;

/// <summary>A short temporary directory for sockets: sockaddr_un allows 107 bytes of path.</summary>
public sealed class TempSocketDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("xfer-api-").FullName;

    public string Socket(string name = "xfer.sock") => System.IO.Path.Combine(Path, name);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
