using Microsoft.Extensions.DependencyInjection;

namespace Orleans.Transfer.Worker.Tests.Transports.BitsUpload;

/// <summary>Close-Session and the background Cancel-Session: resent on 5xx, never on 4xx or BG_E_SESSION_NOT_FOUND.</summary>
public sealed class UploadSessionControlTests : BitsUploadTestBase
{
    [Fact]
    public async Task CloseAsync_ServerAnswers503Twice_ResendsUntilAcknowledged()
    {
        var (bits, url) = await StartServerAsync();
        var session = bits.AddSession([1, 2, 3]);
        bits.Fail("Close-Session", 503, times: 2);
        await using var services = Services();

        var failure = await Control(services).CloseAsync(Request(url), new UploadSessionRef(session, null, null), CancellationToken.None);

        Assert.Null(failure);
        Assert.Equal(3, bits.PacketsOf("Close-Session").Count);
        Assert.Equal([1, 2, 3], bits.Committed("/uploads/a.bin")!);
    }

    [Theory]
    [InlineData(400, null)]
    [InlineData(500, "0x8020001F")]
    public async Task CloseAsync_4xxOrSessionNotFound_IsNotResent(int status, string? error)
    {
        var (bits, url) = await StartServerAsync();
        var session = bits.AddSession([1]);
        bits.Fail("Close-Session", status, error);
        await using var services = Services();

        var failure = await Control(services).CloseAsync(Request(url), new UploadSessionRef(session, null, null), CancellationToken.None);

        Assert.Single(bits.PacketsOf("Close-Session"));
        Assert.Equal(status == 400, failure is not null);
    }

    [Fact]
    public async Task CancelAsync_ServerFailsThenAnswers_KeepsResendingUntilItDoes()
    {
        var (bits, url) = await StartServerAsync();
        var session = bits.AddSession([1, 2]);
        bits.Fail("Cancel-Session", 503, times: 3);
        await using var services = Services();

        await services.GetRequiredService<UploadSessionControl>().CancelAsync(Request(url), new UploadSessionRef(session, null, null));

        Assert.Equal(4, bits.PacketsOf("Cancel-Session").Count);
        Assert.Null(bits.Held(session));
    }

    [Fact]
    public async Task CancelAsync_ServerAnswers404_StopsAtOnce()
    {
        var (bits, url) = await StartServerAsync();
        var session = bits.AddSession([1, 2]);
        bits.Fail("Cancel-Session", 404);
        await using var services = Services();

        await services.GetRequiredService<UploadSessionControl>().CancelAsync(Request(url), new UploadSessionRef(session, null, null));

        Assert.Single(bits.PacketsOf("Cancel-Session"));
        Assert.Equal(2, bits.Held(session));
    }

    private static IUploadSessionControl Control(IServiceProvider services) => services.GetRequiredService<IUploadSessionControl>();

    private FileTransferRequest Request(Uri url) => Upload(url, Path.Combine(Scratch, "any.bin"));
}
