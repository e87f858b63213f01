using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Transfer.Testing.Samba;

namespace Orleans.Transfer.Worker.Tests.Transports.Smb.Native;

/// <summary>Clients, credentials and locations for the libsmbclient tests.</summary>
internal static class SmbTestClients
{
    public static LibSmbClient Create(SmbOptions? options = null, TimeProvider? timeProvider = null, string? libraryName = null) =>
        new(Options.Create(options ?? new SmbOptions()), timeProvider ?? TimeProvider.System, NullLogger<LibSmbClient>.Instance,
            libraryName ?? SmbcLibrary.DefaultName);

    public static SmbCredential Credential(SambaServer server, string? password = null) =>
        new(Domain: null, server.UserName, password ?? server.Password, UseKerberos: false);

    public static SmbLocation Location(SambaServer server, string relativePath) => Location(server.Url(relativePath));

    public static SmbLocation Location(string url) =>
        SmbLocation.TryParse(url, out var location, out var problem) ? location : throw new ArgumentException($"{url} {problem}");

    public static byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        Random.Shared.NextBytes(bytes);
        return bytes;
    }

    /// <summary>Reads the whole file from <paramref name="offset"/> with reads of <paramref name="chunk"/> bytes.</summary>
    public static async Task<byte[]> ReadAllAsync(ISmbFile file, long offset = 0, int chunk = 1024 * 1024)
    {
        using var output = new MemoryStream();
        var buffer = new byte[chunk];
        int read;
        while ((read = await file.ReadAsync(buffer, offset, CancellationToken.None)) > 0)
        {
            output.Write(buffer, 0, read);
            offset += read;
        }

        return output.ToArray();
    }
}
