using System.Net;
using Orleans.Transfer.Uploads.Sessions;

namespace Orleans.Transfer.Uploads.Tests;

/// <summary>
/// The session's write lease: a packet that reaches the server while another of the same session is being written (in
/// a cluster, at another silo) waits for it, then answers from what it finds, and never writes beside it.
/// </summary>
public sealed class SessionLeaseTests
{
    private const string Url = "/uploads/a.bin";
    private const int Fragment = 256 * 1024;

    [Fact]
    public async Task DuplicateFragment_WhileTheFirstIsWritten_WaitsAndWritesNothing()
    {
        await using var server = await UploadServer.StartAsync();
        var file = Bits.RandomFile(2 * Fragment);
        var session = await server.Client.CreateSessionAsync(Url);
        await using var first = await HalfSentAsync(server, session, file);

        // The duplicate carries other bytes for the same range: had it written beside the first, the file would show it.
        var other = Bits.RandomFile(2 * Fragment + 1)[1..];
        var waiting = ReadsWhileLeasedAsync(server.Store);
        var duplicate = server.Client.FragmentAsync(Url, session, other, 0, Fragment - 1);
        await waiting;
        first.SendTheRest();

        using var firstAck = await first.Ack;
        using var duplicateAck = await duplicate;
        firstAck.AssertAck(200);
        duplicateAck.AssertAck(200);
        Assert.Equal("262144", firstAck.Header("BITS-Received-Content-Range"));
        Assert.Equal("262144", duplicateAck.Header("BITS-Received-Content-Range"));
        using var last = await server.Client.FragmentAsync(Url, session, file, Fragment, (2 * Fragment) - 1);
        last.AssertAck(200);
        Assert.Equal(file, await File.ReadAllBytesAsync(server.PathOf("a.bin")));
        Assert.Null(Assert.Single(server.Store.All).LeaseHolder);
    }

    [Fact]
    public async Task Cancel_WhileAFragmentIsWritten_WaitsForIt_ThenLeavesNothing()
    {
        await using var server = await UploadServer.StartAsync();
        var file = Bits.RandomFile(2 * Fragment);
        var session = await server.Client.CreateSessionAsync(Url);
        await using var first = await HalfSentAsync(server, session, file);

        var waiting = ReadsWhileLeasedAsync(server.Store);
        var cancel = server.Client.SendAsync("Cancel-Session", Url, session);
        await waiting;
        first.SendTheRest();

        using var firstAck = await first.Ack;
        using var cancelAck = await cancel;
        firstAck.AssertAck(200);
        cancelAck.AssertAck(200);
        Assert.Empty(server.Store.All);
        Assert.Empty(server.AllFiles());
        using var late = await server.Client.FragmentAsync(Url, session, file, Fragment, (2 * Fragment) - 1);
        late.AssertAck(500, "0x8020001F");
    }

    /// <summary>Starts the first fragment and returns once the server holds the lease and half of the body.</summary>
    private static async Task<GatedFragment> HalfSentAsync(UploadServer server, string session, byte[] file)
    {
        var gated = new GatedFragment(server.Client, session, file);
        await gated.HalfSent;
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(10));
        while (server.Store.All.Single().LeaseHolder is null)
        {
            await timer.WaitForNextTickAsync();
        }

        return gated;
    }

    /// <summary>Completes when a packet reads the session while a lease is held (it must then wait).</summary>
    private static Task ReadsWhileLeasedAsync(InMemoryUploadSessionStore store)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnFound(UploadSession? s)
        {
            if (s?.LeaseHolder is not null)
            {
                store.Found -= OnFound;
                seen.TrySetResult();
            }
        }

        store.Found += OnFound;
        return seen.Task;
    }

    /// <summary>A fragment of the first <see cref="Fragment"/> bytes whose body stops half way until the test lets it go on.</summary>
    private sealed class GatedFragment : IAsyncDisposable
    {
        private readonly TaskCompletionSource _halfSent = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _rest = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly HttpRequestMessage _request;

        public GatedFragment(HttpClient client, string session, byte[] file)
        {
            _request = Bits.Packet(client.BaseAddress!, "Fragment", Url, session);
            _request.Content = new Body(file.AsMemory(0, Fragment), _halfSent, _rest.Task);
            _request.Content.Headers.TryAddWithoutValidation("Content-Range", $"bytes 0-{Fragment - 1}/{file.Length}");
            Ack = client.SendAsync(_request);
        }

        public Task HalfSent => _halfSent.Task;

        public Task<HttpResponseMessage> Ack { get; }

        public void SendTheRest() => _rest.TrySetResult();

        public async ValueTask DisposeAsync()
        {
            _rest.TrySetResult();
            try
            {
                (await Ack).Dispose();
            }
            catch (HttpRequestException)
            {
                // A failed test's request: nothing to clean.
            }

            _request.Dispose();
        }

        private sealed class Body(ReadOnlyMemory<byte> bytes, TaskCompletionSource halfSent, Task rest) : HttpContent
        {
            protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
            {
                var half = bytes.Length / 2;
                await stream.WriteAsync(bytes[..half]);
                await stream.FlushAsync();
                halfSent.TrySetResult();
                await rest;
                await stream.WriteAsync(bytes[half..]);
            }

            protected override bool TryComputeLength(out long length)
            {
                length = bytes.Length;
                return true;
            }
        }
    }
}
