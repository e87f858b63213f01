using Orleans.Transfer.TestOrigin;

namespace Orleans.Transfer.Worker.Tests;

public sealed class GeneratedContentTests
{
    [Theory]
    [InlineData(0, 64)]
    [InlineData(3, 1)]
    [InlineData(5, 30)]
    [InlineData(8, 16)]
    [InlineData(13, 3)]
    public void Fill_AnyOffset_MatchesTheSameBytesOfTheWhole(int offset, int count)
    {
        var whole = new byte[128];
        GeneratedContent.Fill(7, 0, whole);
        var part = new byte[count];

        GeneratedContent.Fill(7, offset, part);

        Assert.Equal(whole.AsSpan(offset, count).ToArray(), part);
        Assert.NotEqual(new byte[8], whole[..8]);
    }
}
