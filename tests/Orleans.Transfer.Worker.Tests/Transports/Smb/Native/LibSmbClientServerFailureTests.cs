using System.Net;
using System.Net.Sockets;
using Orleans.Transfer.Testing.Samba;
using Xunit.Abstractions;
using static Orleans.Transfer.Worker.Tests.Transports.Smb.Native.SmbTestClients;

namespace Orleans.Transfer.Worker.Tests.Transports.Smb.Native;

/// <summary>The libsmbclient client when smbd goes away and comes back, and under concurrent use: a server per test.</summary>
public sealed class LibSmbClientServerFailureTests(ITestOutputHelper output)
{
    [LinuxSambaFact]
    public async Task StoppedServer_IsUnreachable_ThenWorksAgainOnceStarted()
    {
        await using var server = await SambaServer.CreateAsync();
        var content = RandomBytes(100_000);
        await server.PutAsync("f.bin", content);
        await using var client = Create();
        await client.StatAsync(Location(server, "f.bin"), Credential(server), CancellationToken.None);
        await server.StopAsync();

        var error = await Assert.ThrowsAsync<SmbException>(() => client.OpenReadAsync(Location(server, "f.bin"), Credential(server), CancellationToken.None));

        output.WriteLine($"{error.Kind} {error.NativeError}: {error.Message}");
        Assert.Equal(SmbErrorKind.Unreachable, error.Kind);
        await server.StartAsync();
        await using var file = await client.OpenReadAsync(Location(server, "f.bin"), Credential(server), CancellationToken.None);
        Assert.Equal(content, await ReadAllAsync(file));
    }

    [LinuxSambaFact]
    public async Task SmbdKilledMidRead_IsConnectionLost_ThenTheSameClientResumes()
    {
        await using var server = await SambaServer.CreateAsync();
        var content = RandomBytes(8 * 1024 * 1024);
        await server.PutAsync("big.bin", content);
        await using var client = Create();
        var location = Location(server, "big.bin");
        var buffer = new byte[1024 * 1024];
        await using var file = await client.OpenReadAsync(location, Credential(server), CancellationToken.None);
        var kept = await file.ReadAsync(buffer, 0, CancellationToken.None);

        await server.StopAsync();
        var error = await Assert.ThrowsAsync<SmbException>(() => file.ReadAsync(buffer, kept, CancellationToken.None));
        var again = await Assert.ThrowsAsync<SmbException>(() => file.ReadAsync(buffer, kept, CancellationToken.None));
        await server.StartAsync();

        output.WriteLine($"{error.Kind} {error.NativeError}: {error.Message}");
        output.WriteLine($"{again.Kind} {again.NativeError}: {again.Message}");
        Assert.Equal(SmbErrorKind.ConnectionLost, error.Kind);
        Assert.Equal(SmbErrorKind.ConnectionLost, again.Kind);
        await using var resumed = await client.OpenReadAsync(location, Credential(server), CancellationToken.None);
        Assert.Equal(content[kept..], await ReadAllAsync(resumed, kept));
        Assert.Equal(content[..kept], buffer[..kept]);
    }

    [LinuxSambaFact]
    public async Task FourReaders_WithDifferentCredentialsAndFiles_AtOnce_AllByteIdentical()
    {
        await using var first = await SambaServer.CreateAsync("First-Pw-1");
        await using var second = await SambaServer.CreateAsync("Second-Pw-2");
        var readers = new List<(SambaServer Server, SmbCredential Credential, string Name, byte[] Content)>();
        foreach (var (server, index) in new[] { (first, 0), (first, 1), (second, 2), (second, 3) })
        {
            var content = RandomBytes((3 * 1024 * 1024) + index);
            await server.PutAsync($"r{index}.bin", content);

            // Two credentials per server: the same user, with and without a domain, each its own context.
            var credential = Credential(server) with { Domain = index % 2 == 0 ? null : "WORKGROUP" };
            readers.Add((server, credential, $"r{index}.bin", content));
        }

        await using var client = Create(new SmbOptions { ChunkBytes = SmbOptions.MinChunkBytes });

        var results = await Task.WhenAll(readers.Select(reader => Task.Run(async () =>
        {
            await using var file = await client.OpenReadAsync(Location(reader.Server, reader.Name), reader.Credential, CancellationToken.None);
            return await ReadAllAsync(file, chunk: 100_000);
        })));

        for (var i = 0; i < readers.Count; i++)
        {
            Assert.Equal(readers[i].Content, results[i]);
        }

        Assert.Equal(4, await client.CountContextsAsync());
    }

    [LinuxSambaFact]
    public async Task ServerThatNeverAnswers_FailsAfterTheTimeout_AndTheThreadGoesOn()
    {
        await using var server = await SambaServer.CreateAsync();
        await server.PutAsync("after.bin", RandomBytes(1000));
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        var accepted = silent.AcceptTcpClientAsync();
        await using var client = Create(new SmbOptions { Timeout = TimeSpan.FromSeconds(1) });

        var error = await Assert.ThrowsAsync<SmbException>(() =>
            client.StatAsync(Location($"smb://127.0.0.1:{port}/xfer/f.bin"), Credential(server), CancellationToken.None));

        output.WriteLine($"{error.Kind} {error.NativeError}: {error.Message}");
        Assert.Equal(SmbErrorKind.ConnectionLost, error.Kind); // ETIMEDOUT
        using var connection = await accepted;
        Assert.NotNull(await client.StatAsync(Location(server, "after.bin"), Credential(server), CancellationToken.None));
    }

    [LinuxSambaFact]
    public async Task TwoClients_ShareTheOneThread_AndOneDisposedLeavesTheOtherWorking()
    {
        await using var server = await SambaServer.CreateAsync();
        var content = RandomBytes(500_000);
        await server.PutAsync("two.bin", content);
        await using var kept = Create();
        var other = Create();
        await other.StatAsync(Location(server, "two.bin"), Credential(server), CancellationToken.None);

        await other.DisposeAsync();

        await using var file = await kept.OpenReadAsync(Location(server, "two.bin"), Credential(server), CancellationToken.None);
        Assert.Equal(content, await ReadAllAsync(file));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => other.StatAsync(Location(server, "two.bin"), Credential(server), CancellationToken.None));
    }
}
