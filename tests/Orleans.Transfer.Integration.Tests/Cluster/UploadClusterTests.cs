using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using Orleans.Transfer.Integration.Tests.Uploads;
using Xunit.Abstractions;

namespace Orleans.Transfer.Integration.Tests.Cluster;

/// <summary>
/// The BITS upload server of three real silos in one cluster, all serving one shared upload root, behind nginx doing
/// plain round robin per request (no sticky sessions): a session's packets land on different silos and the file is
/// byte-identical; a fragment sent to two silos at once is written once and acknowledged by both; a session created at
/// one silo and fed at another is cancelled from the third (docs/uploads.md, "Any silo, any packet").
/// </summary>
public sealed class UploadClusterTests(UploadClusterFixture fixture, ITestOutputHelper output) : IClassFixture<UploadClusterFixture>
{
    private const int MiB = 1024 * 1024;

    [ClusterTheory]
    [InlineData(8, 1)]
    public async Task ThroughARoundRobinProxy_FragmentsLandOnSeveralSilos_FileByteIdentical(int fileMiB, int fragmentMiB)
    {
        const string Url = "/uploads/in/image.bin";
        var file = RandomFile(fileMiB * MiB, seed: 18);
        using var http = Client(fixture.Proxy.Port);

        var session = await CreateSessionAsync(http, Url);
        for (long offset = 0; offset < file.Length; offset += fragmentMiB * MiB)
        {
            using var ack = await http.SendAsync(BitsUploadPackets.Fragment(Url, session, file, offset, fragmentMiB * MiB));
            Assert.True(ack.StatusCode == HttpStatusCode.OK, $"Fragment at {offset}: {(int)ack.StatusCode} {ack.Headers}");
            Assert.Equal(offset + (fragmentMiB * MiB), BitsUploadPackets.ReceivedContentRange(ack));
        }

        using (var closed = await http.SendAsync(BitsUploadPackets.Close(Url, session)))
        {
            Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        }

        var accepted = fixture.Cluster.Silos.Select(s => AcceptedFragments(s, session)).ToList();
        output.WriteLine($"fragments accepted per silo: {string.Join(", ", accepted)}");
        Assert.Equal(fileMiB / fragmentMiB, accepted.Sum());
        Assert.True(accepted.Count(n => n > 0) >= 2, $"every fragment landed on one silo: {string.Join(", ", accepted)}");
        output.WriteLine("nginx access log:\n" + fixture.Proxy.AccessLog);
        Assert.Equal(SHA256.HashData(file), SHA256.HashData(await File.ReadAllBytesAsync(Path.Combine(fixture.Uploads, "in", "image.bin"))));
        Assert.Empty(Directory.GetFiles(Path.Combine(fixture.Uploads, "in"), ".bits-*"));
    }

    /// <summary>
    /// The same fragment at two silos at once, the first held half way through its body while the second arrives: both
    /// are acknowledged with the next byte, and exactly one silo wrote it (the other waited for the session's lease and
    /// found the bytes held).
    /// </summary>
    [ClusterTheory]
    [InlineData(2)]
    public async Task TheSameFragmentAtTwoSilosAtOnce_IsWrittenOnce_BothAcknowledged(int fileMiB)
    {
        const string Url = "/uploads/in/twice.bin";
        var file = RandomFile(fileMiB * MiB, seed: 19);
        using var first = Client(fixture.UploadPorts[0]);
        using var second = Client(fixture.UploadPorts[1]);
        var session = await CreateSessionAsync(first, Url);

        var rest = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var halfSent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var gated = BitsUploadPackets.Fragment(Url, session, file, 0, MiB);
        var range = gated.Content!.Headers.ContentRange!;
        gated.Content.Dispose();
        gated.Content = new HalfThenRest(file.AsMemory(0, MiB), halfSent, rest.Task, range);
        var held = first.SendAsync(gated);
        await halfSent.Task;
        var duplicate = second.SendAsync(BitsUploadPackets.Fragment(Url, session, file, 0, MiB));
        rest.SetResult();

        using var heldAck = await held;
        using var duplicateAck = await duplicate;
        Assert.Equal(HttpStatusCode.OK, heldAck.StatusCode);
        Assert.Equal(HttpStatusCode.OK, duplicateAck.StatusCode);
        Assert.Equal(MiB, BitsUploadPackets.ReceivedContentRange(heldAck));
        Assert.Equal(MiB, BitsUploadPackets.ReceivedContentRange(duplicateAck));
        Assert.Equal(1, fixture.Cluster.Silos.Sum(s => AcceptedFragments(s, session)));

        using (var last = await second.SendAsync(BitsUploadPackets.Fragment(Url, session, file, MiB, file.Length - MiB)))
        {
            Assert.Equal(HttpStatusCode.OK, last.StatusCode);
        }

        using (var closed = await first.SendAsync(BitsUploadPackets.Close(Url, session)))
        {
            Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        }

        Assert.Equal(SHA256.HashData(file), SHA256.HashData(await File.ReadAllBytesAsync(Path.Combine(fixture.Uploads, "in", "twice.bin"))));
    }

    [ClusterTheory]
    [InlineData(4)]
    public async Task CreatedAtOneSilo_FedAtAnother_CancelledFromTheThird_LeavesNothing(int fileMiB)
    {
        const string Url = "/uploads/in/cancelled.bin";
        var file = RandomFile(fileMiB * MiB, seed: 20);
        using var creator = Client(fixture.UploadPorts[0]);
        using var feeder = Client(fixture.UploadPorts[1]);
        using var canceller = Client(fixture.UploadPorts[2]);
        var session = await CreateSessionAsync(creator, Url);
        for (long offset = 0; offset < file.Length / 2; offset += MiB)
        {
            using var ack = await feeder.SendAsync(BitsUploadPackets.Fragment(Url, session, file, offset, MiB));
            Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        }

        using (var cancelled = await canceller.SendAsync(BitsUploadPackets.Cancel(Url, session)))
        {
            Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        }

        using (var late = await creator.SendAsync(BitsUploadPackets.Fragment(Url, session, file, file.Length / 2, MiB)))
        {
            Assert.Equal(HttpStatusCode.InternalServerError, late.StatusCode);
            Assert.Equal("0x8020001F", BitsUploadPackets.Header(late, "BITS-Error-Code"));
        }

        Assert.False(File.Exists(Path.Combine(fixture.Uploads, "in", "cancelled.bin")));
        Assert.Empty(Directory.GetFiles(Path.Combine(fixture.Uploads, "in"), $".bits-{session}*"));
    }

    private static HttpClient Client(int port) => new() { BaseAddress = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}") };

    private static async Task<string> CreateSessionAsync(HttpClient http, string url)
    {
        using var created = await http.SendAsync(BitsUploadPackets.CreateSession(url));
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        return BitsUploadPackets.Header(created, "BITS-Session-Id");
    }

    private static byte[] RandomFile(int length, int seed)
    {
        var file = new byte[length];
        new Random(seed).NextBytes(file);
        return file;
    }

    /// <summary>The silo's own log lines saying it wrote a fragment of <paramref name="session"/> (event 1240, Debug).</summary>
    private static int AcceptedFragments(SiloProcess silo, string session) =>
        silo.ReadLog().Split('\n').Count(l => l.Contains($"Upload session {session}: fragment", StringComparison.Ordinal) && l.Contains("accepted here", StringComparison.Ordinal));

    /// <summary>A fragment body that sends its first half, then waits for the test before the rest.</summary>
    private sealed class HalfThenRest : HttpContent
    {
        private readonly ReadOnlyMemory<byte> _bytes;
        private readonly TaskCompletionSource _halfSent;
        private readonly Task _rest;

        public HalfThenRest(ReadOnlyMemory<byte> bytes, TaskCompletionSource halfSent, Task rest, System.Net.Http.Headers.ContentRangeHeaderValue range)
        {
            _bytes = bytes;
            _halfSent = halfSent;
            _rest = rest;
            Headers.ContentRange = range;
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var half = _bytes.Length / 2;
            await stream.WriteAsync(_bytes[..half]);
            await stream.FlushAsync();
            _halfSent.TrySetResult();
            await _rest;
            await stream.WriteAsync(_bytes[half..]);
        }

        protected override bool TryComputeLength(out long length)
        {
            length = _bytes.Length;
            return true;
        }
    }
}
