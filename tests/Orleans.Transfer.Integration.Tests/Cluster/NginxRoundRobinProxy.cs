using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Orleans.Transfer.Integration.Tests.Cluster;

/// <summary>
/// nginx (from apt, scripts/test-peers.sh) as the load balancer in front of several upstream ports: plain round robin per
/// request, no sticky sessions, no upstream keep-alive, request bodies streamed (not buffered), and a failed request
/// never replayed on another upstream. Its access log names the upstream of every request.
/// </summary>
internal sealed class NginxRoundRobinProxy : IAsyncDisposable
{
    private static readonly TimeSpan s_startDeadline = TimeSpan.FromSeconds(30);
    private readonly Process _process;
    private readonly string _directory;

    private NginxRoundRobinProxy(Process process, string directory, int port)
    {
        _process = process;
        _directory = directory;
        Port = port;
    }

    public int Port { get; }

    /// <summary>One line per request: method, BITS-Packet-Type, status, upstream address.</summary>
    public string AccessLog => File.Exists(Path.Combine(_directory, "access.log")) ? File.ReadAllText(Path.Combine(_directory, "access.log")) : "";

    public static async Task<NginxRoundRobinProxy> StartAsync(string directory, IEnumerable<int> upstreamPorts)
    {
        var nginx = new[] { "/usr/sbin/nginx", "/usr/bin/nginx" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("nginx is not installed: run scripts/test-peers.sh (apt-get install nginx-light)");
        Directory.CreateDirectory(directory);
        var port = LoopbackPorts.Free();
        var upstreams = string.Concat(upstreamPorts.Select(p => $"        server 127.0.0.1:{p.ToString(CultureInfo.InvariantCulture)};\n"));
        var config = Path.Combine(directory, "nginx.conf");
        await File.WriteAllTextAsync(config, $$"""
            daemon off;
            worker_processes 1;
            pid {{directory}}/nginx.pid;
            error_log {{directory}}/error.log warn;
            events { worker_connections 256; }
            http {
                log_format bits '$request_method $http_bits_packet_type $status upstream=$upstream_addr';
                access_log {{directory}}/access.log bits;
                client_body_temp_path {{directory}}/body;
                proxy_temp_path {{directory}}/proxy;
                fastcgi_temp_path {{directory}}/fastcgi;
                uwsgi_temp_path {{directory}}/uwsgi;
                scgi_temp_path {{directory}}/scgi;
                upstream silos {
            {{upstreams}}    }
                server {
                    listen 127.0.0.1:{{port.ToString(CultureInfo.InvariantCulture)}};
                    client_max_body_size 0;
                    location / {
                        proxy_pass http://silos;
                        proxy_http_version 1.1;
                        proxy_set_header Connection "";
                        proxy_request_buffering off;
                        proxy_buffering off;
                        proxy_next_upstream off;
                    }
                }
            }
            """);
        var start = new ProcessStartInfo(nginx, ["-p", directory, "-e", Path.Combine(directory, "error.log"), "-c", config])
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start nginx");
        var proxy = new NginxRoundRobinProxy(process, directory, port);
        try
        {
            await proxy.UntilListeningAsync();
            return proxy;
        }
        catch
        {
            await proxy.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private async Task UntilListeningAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (!_process.HasExited && clock.Elapsed < s_startDeadline)
            {
                await timer.WaitForNextTickAsync();
            }
            catch (SocketException e)
            {
                var log = Path.Combine(_directory, "error.log");
                throw new InvalidOperationException(
                    $"nginx never listened on {Port}: {(File.Exists(log) ? await File.ReadAllTextAsync(log) : "no error log")}", e);
            }
        }
    }
}
