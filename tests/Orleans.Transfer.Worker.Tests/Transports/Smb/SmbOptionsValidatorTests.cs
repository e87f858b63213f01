namespace Orleans.Transfer.Worker.Tests.Transports.Smb;

public sealed class SmbOptionsValidatorTests
{
    [Fact]
    public void Defaults_AreValid()
    {
        var options = new SmbOptions();

        Assert.True(new SmbOptionsValidator().Validate(null, options).Succeeded);
        Assert.Equal(1024 * 1024, options.ChunkBytes);
        Assert.Equal(TimeSpan.FromSeconds(30), options.Timeout);
        Assert.Equal(TimeSpan.FromMinutes(5), options.IdleConnectionLifetime);
    }

    [Theory]
    [InlineData(65535, 30, 300, "ChunkBytes")]
    [InlineData(16 * 1024 * 1024 + 1, 30, 300, "ChunkBytes")]
    [InlineData(65536, 0, 300, "Timeout")]
    [InlineData(65536, 601, 300, "Timeout")]
    [InlineData(65536, 30, -1, "IdleConnectionLifetime")]
    public void OutOfRange_FailsNamingTheSetting(int chunkBytes, int timeoutSeconds, int idleSeconds, string setting)
    {
        var options = new SmbOptions
        {
            ChunkBytes = chunkBytes,
            Timeout = TimeSpan.FromSeconds(timeoutSeconds),
            IdleConnectionLifetime = TimeSpan.FromSeconds(idleSeconds),
        };

        var result = new SmbOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains($"Transfer:Worker:Smb:{setting}", result.FailureMessage, StringComparison.Ordinal);
    }
}
