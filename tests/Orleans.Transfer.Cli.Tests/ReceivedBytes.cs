namespace Orleans.Transfer.Cli.Tests;

/// <summary>What a test server received from a client.</summary>
internal static class ReceivedBytes
{
    /// <summary>Reads until the client hangs up and returns how many bytes came.</summary>
    public static async Task<int> CountUntilEndAsync(Stream stream)
    {
        var buffer = new byte[4096];
        var total = 0;
        for (var read = await stream.ReadAsync(buffer); read > 0; read = await stream.ReadAsync(buffer))
        {
            total += read;
        }

        return total;
    }
}
