using System.Runtime.Versioning;
using System.Text;

namespace Orleans.Transfer.Integration.Tests.Security;

/// <summary>
/// Issue 10's secrets at rest, against the real service running as root: a webhook secret set with xfer never reaches
/// the database, its WAL or the log in plain text; XFER_HOME and everything in it is the service account's alone; URL
/// credentials and signed query strings are shown to the job's owner only. A service of its own for each test.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class SecretsAtRestTests : IAsyncLifetime
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode PrivateDirectory = Private | UnixFileMode.UserExecute;

    private readonly RootOnlyService _test = new();

    private MultiUserService Service => _test.Service;

    public Task InitializeAsync() => _test.StartAsync();

    public Task DisposeAsync() => _test.DisposeAsync();

    [RootFact]
    public async Task WebhookSecret_SetThroughTheClient_IsAbsentFromTheDatabaseItsWalAndTheLog()
    {
        var secret = $"webhook-secret-{Guid.NewGuid():N}";
        var id = await Service.CreateSuspendedJobAsync(LocalUsers.Alice, Path.Combine(Service.DirectoryOf(LocalUsers.Alice), "signed.bin"));

        await Service.XferOkAsync(LocalUsers.Alice, "job", "set", id, "--notify-url", "https://hooks.example.com/xfer", "--notify-secret", secret);

        var json = await Service.JobJsonAsync(LocalUsers.Alice, id);
        Assert.True(json.GetProperty("notifications").GetProperty("webhookSecretSet").GetBoolean());
        var database = ReadAll(Home("transfer.db")) + ReadAll(Home("transfer.db-wal"));
        Assert.Contains(id, database, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, database, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, ReadAll(Service.Silo.LogPath), StringComparison.Ordinal);
    }

    [RootFact]
    public async Task DataDirectory_IsPrivate_WithItsDatabaseWalLogPidFileAndKeys()
    {
        var id = await Service.CreateSuspendedJobAsync(LocalUsers.Bob, Path.Combine(Service.DirectoryOf(LocalUsers.Bob), "keyed.bin"));
        await Service.XferOkAsync(LocalUsers.Bob, "job", "set", id, "--notify-url", "https://hooks.example.com/xfer", "--notify-secret", "s");

        Assert.Equal(PrivateDirectory, File.GetUnixFileMode(Service.Silo.DataDirectory));

        // The log existed before the silo started (the test, like xfer, opens it first): made private at start.
        foreach (var name in new[] { "transfer.db", "transfer.db-wal", "transfer.db-shm", "silo.pid", "silo.lock", Path.GetFileName(Service.Silo.LogPath) })
        {
            Assert.True(File.Exists(Home(name)), name);
            Assert.Equal(Private, File.GetUnixFileMode(Home(name)));
        }

        var keys = Home("keys");
        Assert.Equal(PrivateDirectory, File.GetUnixFileMode(keys));
        Assert.NotEmpty(Directory.GetFiles(keys));
        foreach (var key in Directory.GetFiles(keys))
        {
            Assert.Equal(Private, File.GetUnixFileMode(key));
        }
    }

    [RootFact]
    public async Task UrlCredentialsAndSignedQueries_AreShownToTheOwnerOnly()
    {
        var source = new UriBuilder(Service.Origin.UrlFor("small.bin")) { UserName = "alice", Password = "pa55word", Query = "sig=S1GNATURE" }.Uri.ToString();
        var id = (await Service.XferOkAsync(LocalUsers.Alice, "job", "create", "alice's signed job")).Trim();
        await Service.XferOkAsync(LocalUsers.Alice, "job", "add-file", id, source, Path.Combine(Service.DirectoryOf(LocalUsers.Alice), "signed.bin"));
        await Service.XferOkAsync(LocalUsers.Alice, "job", "set", id, "--notify-url", "https://hooks.example.com/xfer?token=T0KEN");

        var owner = (await Service.JobJsonAsync(LocalUsers.Alice, id)).ToString();
        Assert.Contains("pa55word", owner, StringComparison.Ordinal);
        Assert.Contains("S1GNATURE", owner, StringComparison.Ordinal);
        Assert.Contains("T0KEN", owner, StringComparison.Ordinal);

        // Carol administers the service: she sees the job, but not what would let her fetch as Alice.
        var administrator = await Service.JobJsonAsync(LocalUsers.Carol, id);
        var shown = administrator.ToString();
        Assert.DoesNotContain("pa55word", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("S1GNATURE", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("T0KEN", shown, StringComparison.Ordinal);
        Assert.Equal(
            new UriBuilder(Service.Origin.UrlFor("small.bin")).Uri.GetLeftPart(UriPartial.Path) + "?…",
            administrator.GetProperty("files")[0].GetProperty("remoteUrl").GetString());
    }

    private string Home(string name) => Path.Combine(Service.Silo.DataDirectory, name);

    // Latin-1 maps every byte to one character, so a search finds the secret's ASCII bytes wherever they are.
    private static string ReadAll(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        file.CopyTo(copy);
        return Encoding.Latin1.GetString(copy.ToArray());
    }
}
