using System.Text;
using System.Text.Json;

namespace Orleans.Transfer.Cli.Tests;

/// <summary>
/// Issue 11's secrets, end to end: the real silo on its embedded SQLite default and the real xfer. A password given
/// on standard input or in a file, and a custom header's value, reach the job, and then appear in no output of
/// <c>job info</c> (text or JSON), not in the silo's log, and in no file of its data directory (the database and its
/// WAL included): not as UTF-8, UTF-16LE or base64, nor as a Basic credential.
/// </summary>
public sealed class SecretsEndToEndTests : IAsyncLifetime
{
    private SiloAndXfer _service = null!;

    public async Task InitializeAsync() => _service = await SiloAndXfer.StartAsync("secrets");

    public async Task DisposeAsync() => await _service.DisposeAsync();

    [Fact]
    public async Task PasswordsAndHeaderValue_AreInNoOutputLogOrDataFile()
    {
        var serverPassword = $"srv-pw-{Guid.NewGuid():N}";
        var proxyPassword = $"prx-pw-{Guid.NewGuid():N}";
        var headerValue = $"hdr-val-{Guid.NewGuid():N}";
        var passwordFile = Path.Combine(_service.Outside, "proxy-password");
        await File.WriteAllTextAsync(passwordFile, proxyPassword + "\n");

        var id = (await _service.Xfer.OkAsync(null, "job", "create", "secrets")).Trim();
        await _service.Xfer.OkAsync(null, "job", "add-file", id, "http://127.0.0.1:9/never.bin", Path.Combine(_service.Outside, "never.bin"));
        await _service.Xfer.OkAsync(serverPassword + "\n", "job", "set-credentials", id, "--target", "server", "--scheme", "basic", "--user", "alice");
        await _service.Xfer.OkAsync(null, "job", "set-credentials", id, "--target", "proxy", "--scheme", "digest", "--user", "bob", "--password-file", passwordFile);
        await _service.Xfer.OkAsync(null, "job", "set-headers", id, "X-Secret-Token: " + headerValue);
        var text = await _service.Xfer.OkAsync(null, "job", "info", id);
        var json = await _service.Xfer.OkAsync(null, "job", "info", id, "--format", "json");

        // The options reached the job: the info names them.
        Assert.Contains("server basic alice", text, StringComparison.Ordinal);
        Assert.Contains("proxy digest bob", text, StringComparison.Ordinal);
        Assert.Contains("X-Secret-Token", text, StringComparison.Ordinal);
        using (var document = JsonDocument.Parse(json))
        {
            var http = document.RootElement.GetProperty("http");
            Assert.Equal(2, http.GetProperty("credentials").GetArrayLength());
            Assert.Equal("X-Secret-Token", http.GetProperty("customHeaderNames")[0].GetString());
        }

        await _service.Silo.KillAsync();
        var secrets = new[] { serverPassword, proxyPassword, headerValue, "alice:" + serverPassword, "bob:" + proxyPassword };
        for (var i = 0; i < _service.Xfer.Runs.Count; i++)
        {
            AssertAbsent(secrets, Encoding.UTF8.GetBytes(_service.Xfer.Runs[i].Out + _service.Xfer.Runs[i].Error), $"the output of xfer run {i + 1}");
        }

        AssertAbsent(secrets, Encoding.UTF8.GetBytes(_service.Silo.ReadLog()), "the silo's log");
        var files = Directory.EnumerateFiles(_service.Home, "*", SearchOption.AllDirectories).ToList();
        Assert.Contains(files, f => Path.GetFileName(f) == "transfer.db");
        foreach (var file in files)
        {
            AssertAbsent(secrets, await File.ReadAllBytesAsync(file), file);
        }
    }

    private static void AssertAbsent(IEnumerable<string> secrets, byte[] haystack, string where)
    {
        foreach (var secret in secrets)
        {
            var forms = new Dictionary<string, byte[]>
            {
                ["UTF-8"] = Encoding.UTF8.GetBytes(secret),
                ["UTF-16LE"] = Encoding.Unicode.GetBytes(secret),
                ["base64"] = Encoding.ASCII.GetBytes(Convert.ToBase64String(Encoding.UTF8.GetBytes(secret))),
            };
            foreach (var (form, needle) in forms)
            {
                Assert.False(haystack.AsSpan().IndexOf(needle) >= 0, $"{where} holds a secret ({form}).");
            }
        }
    }
}
