using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;
using Orleans.Transfer.Testing.Samba;
using Xunit.Abstractions;
using static Orleans.Transfer.Worker.Tests.Transports.Smb.Native.SmbTestClients;

namespace Orleans.Transfer.Worker.Tests.Transports.Smb.Native;

/// <summary>The libsmbclient client against a real smbd that keeps running.</summary>
public sealed class LibSmbClientTests(SambaFixture samba, ITestOutputHelper output) : IClassFixture<SambaFixture>
{
    private SambaServer Server => samba.Server;

    [LinuxSambaFact]
    public async Task OpenReadAsync_WholeFile_IsByteIdentical()
    {
        var content = RandomBytes((3 * 1024 * 1024) + 12345);
        await Server.PutAsync("read/whole.bin", content);
        await using var client = Create();

        await using var file = await client.OpenReadAsync(Location(Server, "read/whole.bin"), Credential(Server), CancellationToken.None);

        Assert.Equal(content.Length, file.Info.Size);
        Assert.False(file.Info.IsDirectory);
        Assert.Equal(content, await ReadAllAsync(file));
    }

    [LinuxSambaFact]
    public async Task ReadAsync_FromAnOffset_ResumesExactly()
    {
        var content = RandomBytes(2 * 1024 * 1024);
        await Server.PutAsync("read/resume.bin", content);
        await using var client = Create();
        await using var file = await client.OpenReadAsync(Location(Server, "read/resume.bin"), Credential(Server), CancellationToken.None);

        var tail = await ReadAllAsync(file, offset: 1_000_003, chunk: 70_000);

        Assert.Equal(content[1_000_003..], tail);
        Assert.Equal(0, await file.ReadAsync(new byte[10], content.Length, CancellationToken.None));
    }

    [LinuxSambaFact]
    public async Task ReadAsync_BufferLargerThanAChunk_ReadsOneChunk()
    {
        var content = RandomBytes(300_000);
        await Server.PutAsync("read/chunk.bin", content);
        await using var client = Create(new SmbOptions { ChunkBytes = SmbOptions.MinChunkBytes });
        await using var file = await client.OpenReadAsync(Location(Server, "read/chunk.bin"), Credential(Server), CancellationToken.None);

        var buffer = new byte[content.Length];
        var read = await file.ReadAsync(buffer, 0, CancellationToken.None);

        Assert.Equal(SmbOptions.MinChunkBytes, read);
        Assert.Equal(content[..read], buffer[..read]);
    }

    [LinuxSambaFact]
    public async Task StatAsync_GivesSizeAndLastWriteTime_OrNullWhenMissing()
    {
        var path = await Server.PutAsync("stat/f.bin", RandomBytes(4321));
        var lastWrite = new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.Zero).AddTicks(1234567);
        File.SetLastWriteTimeUtc(path, lastWrite.UtcDateTime);
        await using var client = Create();

        var info = await client.StatAsync(Location(Server, "stat/f.bin"), Credential(Server), CancellationToken.None);
        var missing = await client.StatAsync(Location(Server, "stat/none.bin"), Credential(Server), CancellationToken.None);
        var directory = await client.StatAsync(Location(Server, "stat"), Credential(Server), CancellationToken.None);

        Assert.NotNull(info);
        Assert.Equal(4321, info.Size);
        output.WriteLine($"mtime set {lastWrite:O}, seen {info.LastWriteTime:O}");
        Assert.Equal(lastWrite, info.LastWriteTime);
        Assert.Null(missing);
        Assert.True(directory!.IsDirectory);
    }

    [LinuxSambaFact]
    public async Task OpenWriteAsync_WritesAtOffsets_Truncates_RenamesOverATarget_SetsTime_Deletes()
    {
        var content = RandomBytes(3 * 1024 * 1024);
        await Server.PutAsync("write/final.bin", RandomBytes(1000));
        await using var client = Create();
        var credential = Credential(Server);
        var temp = Location(Server, "write/.final.bin.tmp");
        var final = Location(Server, "write/final.bin");

        await using (var file = await client.OpenWriteAsync(temp, credential, CancellationToken.None))
        {
            Assert.Equal(0, file.Info.Size);
            await file.WriteAsync(content.AsMemory(1_500_000), 1_500_000, CancellationToken.None);
            await file.WriteAsync(content.AsMemory(0, 1_500_000), 0, CancellationToken.None);
            await file.WriteAsync(RandomBytes(5000), content.Length, CancellationToken.None);
            Assert.Equal(content.Length + 5000, (await file.StatAsync(CancellationToken.None)).Size);
            await file.TruncateAsync(content.Length, CancellationToken.None);
            await file.FlushAsync(CancellationToken.None);
            Assert.Equal(content.Length, (await file.StatAsync(CancellationToken.None)).Size);
        }

        await using (var again = await client.OpenWriteAsync(temp, credential, CancellationToken.None))
        {
            Assert.Equal(content.Length, again.Info.Size); // opening for writing keeps the bytes
        }

        await client.RenameAsync(temp, final, credential, CancellationToken.None);
        var lastWrite = new DateTimeOffset(2023, 1, 2, 3, 4, 5, TimeSpan.Zero).AddTicks(1234560);
        await client.SetLastWriteTimeAsync(final, lastWrite, credential, CancellationToken.None);

        Assert.Equal(content, await File.ReadAllBytesAsync(Server.LocalPath("write/final.bin")));
        Assert.False(File.Exists(Server.LocalPath("write/.final.bin.tmp")));
        var info = await client.StatAsync(final, credential, CancellationToken.None);
        output.WriteLine($"utimes {lastWrite:O}, stat {info!.LastWriteTime:O}, local {File.GetLastWriteTimeUtc(Server.LocalPath("write/final.bin")):O}");
        Assert.Equal(lastWrite, info.LastWriteTime);

        await client.DeleteAsync(final, credential, CancellationToken.None);
        await client.DeleteAsync(final, credential, CancellationToken.None);
        Assert.False(File.Exists(Server.LocalPath("write/final.bin")));
    }

    [LinuxSambaFact]
    public async Task WrongPassword_IsAuthenticationFailed()
    {
        await Server.PutAsync("auth/f.bin", RandomBytes(10));
        await using var client = Create();

        var error = await Assert.ThrowsAsync<SmbException>(() =>
            client.OpenReadAsync(Location(Server, "auth/f.bin"), Credential(Server, "wrong"), CancellationToken.None));

        output.WriteLine($"{error.Kind} {error.NativeError}: {error.Message}");
        Assert.Equal(SmbErrorKind.AuthenticationFailed, error.Kind);
        Assert.DoesNotContain("wrong", error.Message, StringComparison.Ordinal);
        Assert.Contains(Server.Url("auth/f.bin"), error.Message, StringComparison.Ordinal);
    }

    [LinuxSambaFact]
    public async Task Anonymous_IsRefused_WithoutTheServicesIdentity()
    {
        await Server.PutAsync("auth/anon.bin", RandomBytes(10));
        await using var client = Create();

        var error = await Assert.ThrowsAsync<SmbException>(() =>
            client.OpenReadAsync(Location(Server, "auth/anon.bin"), credential: null, CancellationToken.None));

        output.WriteLine($"{error.Kind} {error.NativeError}: {error.Message}");
        Assert.Equal(SmbErrorKind.AuthenticationFailed, error.Kind);
    }

    [LinuxSambaFact]
    public async Task MissingFile_IsNotFound()
    {
        await using var client = Create();

        var error = await Assert.ThrowsAsync<SmbException>(() =>
            client.OpenReadAsync(Location(Server, "nowhere/none.bin"), Credential(Server), CancellationToken.None));

        output.WriteLine($"{error.Kind} {error.NativeError}: {error.Message}");
        Assert.Equal(SmbErrorKind.NotFound, error.Kind);
    }

    [LinuxSambaFact]
    public async Task MissingShare_IsShareNotFound()
    {
        await using var client = Create();
        var url = $"smb://127.0.0.1:{Server.Port}/noshare/f.bin";

        var error = await Assert.ThrowsAsync<SmbException>(() => client.OpenReadAsync(Location(url), Credential(Server), CancellationToken.None));

        output.WriteLine($"{error.Kind} {error.NativeError}: {error.Message}");
        Assert.Equal(SmbErrorKind.ShareNotFound, error.Kind);
    }

    [LinuxSambaFact]
    public async Task Directory_IsRefusedAsAFile()
    {
        Directory.CreateDirectory(Server.LocalPath("adir"));
        await using var client = Create();

        var error = await Assert.ThrowsAsync<SmbException>(() => client.OpenReadAsync(Location(Server, "adir"), Credential(Server), CancellationToken.None));

        Assert.Equal(SmbErrorKind.IsDirectory, error.Kind);
    }

    [LinuxSambaFact]
    public async Task MissingLibrary_IsClientMissing_NamingThePackage()
    {
        await using var client = Create(libraryName: "libsmbclient-not-here.so.0");

        var error = await Assert.ThrowsAsync<SmbException>(() => client.StatAsync(Location(Server, "f.bin"), Credential(Server), CancellationToken.None));
        var again = await Assert.ThrowsAsync<SmbException>(() => client.StatAsync(Location(Server, "f.bin"), Credential(Server), CancellationToken.None));

        Assert.Equal(SmbErrorKind.ClientMissing, error.Kind);
        Assert.Equal(SmbErrorKind.ClientMissing, again.Kind);
        Assert.Contains("apt-get install libsmbclient", error.Message, StringComparison.Ordinal);
    }

    [LinuxSambaFact]
    public async Task CancelledBeforeItStarts_DoesNotRun()
    {
        await using var client = Create();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            client.OpenWriteAsync(Location(Server, "cancel/never.bin"), Credential(Server), cancelled.Token));

        Assert.False(File.Exists(Server.LocalPath("cancel/never.bin")));
    }

    [LinuxSambaFact]
    public async Task IdleContexts_AreFreed_AfterTheirLifetime()
    {
        var time = new FakeTimeProvider();
        await using var client = Create(new SmbOptions { IdleConnectionLifetime = TimeSpan.FromMinutes(5) }, time);
        await client.StatAsync(Location(Server, "idle.bin"), Credential(Server), CancellationToken.None);
        Assert.Equal(1, await client.CountContextsAsync());

        time.Advance(TimeSpan.FromMinutes(3));
        Assert.Equal(1, await client.CountContextsAsync());
        time.Advance(TimeSpan.FromMinutes(3));

        // The timer queued its sweep before this count, and the SMB thread runs work in order.
        Assert.Equal(0, await client.CountContextsAsync());
        Assert.Null(await client.StatAsync(Location(Server, "idle.bin"), Credential(Server), CancellationToken.None));
    }

    [LinuxSambaFact]
    public async Task Throughput_OfChunkReads_OnLoopback()
    {
        var content = RandomBytes(64 * 1024 * 1024);
        await Server.PutAsync("bench/64m.bin", content);
        await using var client = Create();
        await using var file = await client.OpenReadAsync(Location(Server, "bench/64m.bin"), Credential(Server), CancellationToken.None);

        var clock = Stopwatch.StartNew();
        var read = await ReadAllAsync(file);
        clock.Stop();

        output.WriteLine($"64 MiB in 1 MiB reads: {64 / clock.Elapsed.TotalSeconds:F0} MiB/s");
        Assert.Equal(content, read);
    }
}
