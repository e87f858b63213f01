using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Transfer.Worker.Tests.OwnerFiles;

namespace Orleans.Transfer.Worker.Tests.Transports.Http.ReceiveBuffer;

/// <summary>Which connections get a bounded receive buffer, and that the bound reaches a real loopback socket.</summary>
public sealed class ReceiveBufferBoundTests
{
    private const long FourMiB = 4L * 1024 * 1024;

    private static readonly ReceiveBufferOptions s_defaults = new();

    [Theory]
    [InlineData(31)]
    [InlineData(999)]
    public void Decide_NearConnectionAndRmemMaxAllowsIt_IsTheBound(int rttMicroseconds) =>
        Assert.Equal(2 * 1024 * 1024, ReceiveBufferBound.Decide(TimeSpan.FromMicroseconds(rttMicroseconds), FourMiB, s_defaults));

    [Theory]
    [InlineData(1_000)]
    [InlineData(100_000)]
    public void Decide_RttAtOrAboveMaxRtt_KeepsAutotuning(int rttMicroseconds) =>
        Assert.Null(ReceiveBufferBound.Decide(TimeSpan.FromMicroseconds(rttMicroseconds), FourMiB, s_defaults));

    [Fact]
    public void Decide_NoRttSample_KeepsAutotuning() =>
        Assert.Null(ReceiveBufferBound.Decide(rtt: null, FourMiB, s_defaults));

    [Theory]
    [InlineData(212_992L)]
    [InlineData(null)]
    public void Decide_RmemMaxBelowTheBoundOrUnknown_KeepsAutotuning(long? rmemMax) =>
        Assert.Null(ReceiveBufferBound.Decide(TimeSpan.FromMicroseconds(31), rmemMax, s_defaults));

    [Fact]
    public void Decide_RmemMaxExactlyTheBound_IsTheBound() =>
        Assert.Equal(s_defaults.Bytes, ReceiveBufferBound.Decide(TimeSpan.FromMicroseconds(31), s_defaults.Bytes, s_defaults));

    [Fact]
    public void Decide_MaxRttZero_KeepsAutotuning() =>
        Assert.Null(ReceiveBufferBound.Decide(TimeSpan.FromMicroseconds(31), FourMiB, new ReceiveBufferOptions { MaxRtt = TimeSpan.Zero }));

    [Fact]
    public void Decide_OtherBytesAndMaxRtt_AreTaken()
    {
        var options = new ReceiveBufferOptions { Bytes = 512 * 1024, MaxRtt = TimeSpan.FromMilliseconds(5) };

        Assert.Equal(512 * 1024, ReceiveBufferBound.Decide(TimeSpan.FromMilliseconds(4), FourMiB, options));
        Assert.Null(ReceiveBufferBound.Decide(TimeSpan.FromMilliseconds(5), FourMiB, options));
    }

    [Fact]
    public void Parse_TcpiRtt_IsTheRtt()
    {
        var buffer = new byte[LinuxTcpInfo.Size];
        BinaryPrimitives.WriteUInt32LittleEndian(buffer.AsSpan(68), 31);

        Assert.Equal(TimeSpan.FromMicroseconds(31), LinuxTcpInfo.Parse(buffer, buffer.Length).Rtt);
        Assert.Null(LinuxTcpInfo.Parse(new byte[LinuxTcpInfo.Size], LinuxTcpInfo.Size).Rtt);
    }

    [Fact]
    public void Options_SectionAndDefaults_AreTheDocumentedOnes()
    {
        Assert.Equal("Transfer:Worker:ReceiveBuffer", ReceiveBufferOptions.SectionName);
        Assert.Equal(TimeSpan.FromMilliseconds(1), s_defaults.MaxRtt);
        Assert.Equal(2 * 1024 * 1024, s_defaults.Bytes);
    }

    [Fact]
    public void Validate_Defaults_Pass() =>
        Assert.True(new ReceiveBufferOptionsValidator().Validate(null, new ReceiveBufferOptions()).Succeeded);

    [Theory]
    [InlineData(-1, 2 * 1024 * 1024, "MaxRtt")]
    [InlineData(11, 2 * 1024 * 1024, "MaxRtt")]
    [InlineData(1, 1024, "Bytes")]
    [InlineData(1, 128 * 1024 * 1024, "Bytes")]
    public void Validate_OutOfRange_NamesTheSetting(int maxRttMilliseconds, int bytes, string setting)
    {
        var result = new ReceiveBufferOptionsValidator().Validate(
            null, new ReceiveBufferOptions { MaxRtt = TimeSpan.FromMilliseconds(maxRttMilliseconds), Bytes = bytes });

        Assert.True(result.Failed);
        Assert.Contains($"Transfer:Worker:ReceiveBuffer:{setting}", result.FailureMessage, StringComparison.Ordinal);
    }

    [LinuxFact("TCP_INFO and SO_RCVBUF's doubling are Linux's")]
    public async Task Apply_LoopbackConnection_BoundedWhenRmemMaxAllowsIt()
    {
        using var listener = ListenOnLoopback();
        using var socket = await ConnectToAsync(listener);
        using var accepted = await listener.AcceptAsync();
        var before = socket.ReceiveBufferSize;
        var options = new ReceiveBufferOptions { Bytes = ReceiveBufferOptions.MinBytes, MaxRtt = ReceiveBufferOptions.MaxMaxRtt };

        Bound(options).Apply(socket);

        // The kernel doubles SO_RCVBUF for its bookkeeping; a host whose rmem_max is below the bound keeps autotuning.
        var rmemMax = long.Parse(await File.ReadAllTextAsync("/proc/sys/net/core/rmem_max"), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(rmemMax >= options.Bytes ? 2 * options.Bytes : before, socket.ReceiveBufferSize);
    }

    [LinuxFact("TCP_INFO is Linux's")]
    public async Task Apply_RttAboveMaxRtt_LeavesTheBufferAlone()
    {
        using var listener = ListenOnLoopback();
        using var socket = await ConnectToAsync(listener);
        using var accepted = await listener.AcceptAsync();
        var before = socket.ReceiveBufferSize;

        // No loopback handshake takes less than a microsecond: this connection counts as far.
        Bound(new ReceiveBufferOptions { Bytes = ReceiveBufferOptions.MinBytes, MaxRtt = TimeSpan.FromTicks(10) }).Apply(socket);

        Assert.Equal(before, socket.ReceiveBufferSize);
    }

    [Fact]
    public async Task Get_SharedClientThroughTheBound_DownloadsByteIdentical()
    {
        var content = new byte[3 * 1024 * 1024];
        Random.Shared.NextBytes(content);
        await using var origin = await TestOrigin.TestOrigin.StartAsync();
        origin.AddFile("big.bin", content);
        using var pool = new HttpClientPool(
            Microsoft.Extensions.Options.Options.Create(new TransferWorkerOptions()), TimeProvider.System, NullLogger<HttpClientPool>.Instance,
            receiveBuffer: Bound(new ReceiveBufferOptions()));

        var body = await pool.Get(owner: null, options: null).GetByteArrayAsync(origin.UrlFor("big.bin"));

        Assert.Equal(content, body);
    }

    private static Socket ListenOnLoopback()
    {
        var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen();
        return listener;
    }

    private static ValueTask<Socket> ConnectToAsync(Socket listener) =>
        ReceiveBufferBound.ConnectSocketAsync(new DnsEndPoint("127.0.0.1", ((IPEndPoint)listener.LocalEndPoint!).Port), CancellationToken.None);

    private static ReceiveBufferBound Bound(ReceiveBufferOptions options) =>
        new(Microsoft.Extensions.Options.Options.Create(options), NullLogger<ReceiveBufferBound>.Instance);
}
