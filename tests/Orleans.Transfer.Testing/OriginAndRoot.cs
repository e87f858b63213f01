using System.Net;

namespace Orleans.Transfer.Testing;

/// <summary>
/// A test's real HTTP origin on 127.0.0.1 and its own temporary root (silo homes, destinations), made together and
/// removed together: the set-up most tests of real silo processes start from.
/// </summary>
public sealed class OriginAndRoot : IAsyncDisposable
{
    private OriginAndRoot(string root, TestOrigin.TestOrigin origin)
    {
        Root = root;
        Origin = origin;
    }

    /// <summary>The temporary root; deleted, with all below it, on disposal.</summary>
    public string Root { get; }

    /// <summary>The origin, on an ephemeral port of 127.0.0.1 or of the address it was started on.</summary>
    public TestOrigin.TestOrigin Origin { get; }

    /// <summary>Makes a temporary root whose name starts with <paramref name="prefix"/>, then starts the origin.</summary>
    /// <param name="prefix">What the root's name starts with.</param>
    /// <param name="address">The origin's address, when not 127.0.0.1 (a network namespace's end of its link, say).</param>
    public static async Task<OriginAndRoot> StartAsync(string prefix, IPAddress? address = null)
    {
        var root = Directory.CreateTempSubdirectory(prefix).FullName;
        try
        {
            return new OriginAndRoot(root, await TestOrigin.TestOrigin.StartAsync(address: address));
        }
        catch
        {
            // Nothing owns the root yet: a test whose set-up failed must not leave it behind.
            Directory.Delete(root, recursive: true);
            throw;
        }
    }

    /// <summary>The directory <paramref name="name"/> below <see cref="Root"/>, created if missing.</summary>
    public string Subdirectory(string name) => Directory.CreateDirectory(Path.Combine(Root, name)).FullName;

    /// <summary>Stops the origin, then deletes the root.</summary>
    public async ValueTask DisposeAsync()
    {
        await Origin.DisposeAsync();
        Directory.Delete(Root, recursive: true);
    }
}
