using System.Globalization;

namespace Orleans.Transfer.TestOrigin;

/// <summary>
/// <c>Orleans.Transfer.TestOrigin [--port N] [--root DIR] [--throttle BYTES_PER_S] [--generate NAME=SIZE]...</c>:
/// prints the base URL as the first stdout line, then serves until killed or interrupted. SIZE takes K, M or G
/// (binary) suffixes; generated content uses <see cref="GeneratedContent.SeedFor"/> of the name.
/// </summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var port = 0;
        string? root = null;
        long throttle = 0;
        var generated = new List<(string Name, long Size)>();
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--port" when value is not null:
                    port = int.Parse(value, CultureInfo.InvariantCulture);
                    break;
                case "--root" when value is not null:
                    root = value;
                    break;
                case "--throttle" when value is not null:
                    throttle = ParseSize(value);
                    break;
                case "--generate" when value is not null && value.IndexOf('=', StringComparison.Ordinal) > 0:
                    var split = value.IndexOf('=', StringComparison.Ordinal);
                    generated.Add((value[..split], ParseSize(value[(split + 1)..])));
                    break;
                default:
                    await Console.Error.WriteLineAsync(
                        "usage: Orleans.Transfer.TestOrigin [--port N] [--root DIR] [--throttle BYTES_PER_S] [--generate NAME=SIZE]...")
                        .ConfigureAwait(false);
                    return 2;
            }

            i++;
        }

        await using var origin = await TestOrigin.StartAsync(port, root, throttle).ConfigureAwait(false);
        foreach (var (name, size) in generated)
        {
            origin.AddGenerated(name, size, GeneratedContent.SeedFor(name));
        }

        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stopped.TrySetResult();
        };
        AppDomain.CurrentDomain.ProcessExit += (_, _) => stopped.TrySetResult();
        Console.Out.WriteLine(origin.BaseAddress);
        await Console.Out.FlushAsync().ConfigureAwait(false);
        await stopped.Task.ConfigureAwait(false);
        return 0;
    }

    private static long ParseSize(string text)
    {
        var multiplier = char.ToUpperInvariant(text[^1]) switch
        {
            'K' => 1024L,
            'M' => 1024L * 1024,
            'G' => 1024L * 1024 * 1024,
            _ => 1L,
        };
        var digits = multiplier == 1 ? text : text[..^1];
        return long.Parse(digits, CultureInfo.InvariantCulture) * multiplier;
    }
}
