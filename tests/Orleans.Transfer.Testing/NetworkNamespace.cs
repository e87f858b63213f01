using System.Diagnostics;
using System.Net;

namespace Orleans.Transfer.Testing;

/// <summary>
/// A Linux network namespace joined to this one by a veth pair: inside it, the pair's end is the only interface besides
/// loopback, so taking that end down is a real loss of the network for whatever runs in the namespace. Needs root and
/// iproute2; <see cref="UnsupportedReason"/> says when a test must skip. Deleting the namespace removes both ends.
/// </summary>
public sealed class NetworkNamespace : IAsyncDisposable
{
    private static readonly string? s_ip = new[] { "/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip", "/bin/ip" }.FirstOrDefault(File.Exists);

    private NetworkNamespace(string name, int subnet)
    {
        Name = name;
        InsideInterface = $"xfi{subnet}";
        HostInterface = $"xfh{subnet}";
        HostAddress = IPAddress.Parse($"10.231.{subnet}.1");
        InsideAddress = IPAddress.Parse($"10.231.{subnet}.2");
    }

    /// <summary>Why namespaces cannot be made here, or null when they can.</summary>
    public static string? UnsupportedReason =>
        !OperatingSystem.IsLinux() ? "network namespaces are Linux-only"
        : !Environment.IsPrivilegedProcess ? "creating network namespaces needs root (CAP_NET_ADMIN)"
        : s_ip is null ? "iproute2 ('ip') is not installed"
        : null;

    public string Name { get; }

    /// <summary>The pair's end inside the namespace: the namespace's only network.</summary>
    public string InsideInterface { get; }

    /// <summary>The pair's end in this (the test's) namespace.</summary>
    public string HostInterface { get; }

    /// <summary>This namespace's address on the link; a server here listening on it is reachable from inside.</summary>
    public IPAddress HostAddress { get; }

    public IPAddress InsideAddress { get; }

    /// <summary>Prefix for a command that must run inside: <c>ip netns exec NAME</c>.</summary>
    public IReadOnlyList<string> ExecPrefix => [s_ip!, "netns", "exec", Name];

    public static async Task<NetworkNamespace> CreateAsync()
    {
        if (UnsupportedReason is { } reason)
        {
            throw new InvalidOperationException(reason);
        }

        // Random /24 per namespace, so parallel or leftover runs do not collide.
        var subnet = Random.Shared.Next(1, 255);
        var created = new NetworkNamespace($"xfer-test-{Environment.ProcessId}-{subnet}", subnet);
        await IpAsync("netns", "add", created.Name);
        try
        {
            await IpAsync("-n", created.Name, "link", "set", "lo", "up");
            await IpAsync("link", "add", created.HostInterface, "type", "veth", "peer", "name", created.InsideInterface, "netns", created.Name);
            await IpAsync("addr", "add", $"{created.HostAddress}/24", "dev", created.HostInterface);
            await IpAsync("link", "set", created.HostInterface, "up");
            await IpAsync("-n", created.Name, "addr", "add", $"{created.InsideAddress}/24", "dev", created.InsideInterface);
            await created.SetLinkAsync(up: true);
        }
        catch
        {
            await created.DisposeAsync();
            throw;
        }

        return created;
    }

    /// <summary>Takes the namespace's network down (a lost link) or up again.</summary>
    public Task SetLinkAsync(bool up) => IpAsync("-n", Name, "link", "set", InsideInterface, up ? "up" : "down");

    public async ValueTask DisposeAsync()
    {
        try
        {
            await IpAsync("netns", "del", Name);
        }
        catch (InvalidOperationException)
        {
            // Already gone; the host end went with it.
        }
    }

    private static async Task IpAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo(s_ip!, arguments) { RedirectStandardError = true, RedirectStandardOutput = true };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start ip");
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"ip {string.Join(' ', arguments)} failed ({process.ExitCode}): {error.Trim()}");
        }
    }
}
