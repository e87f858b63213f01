using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Transfer.Uploads.Sessions.Sql;

namespace Orleans.Transfer.Uploads.Tests;

/// <summary>
/// The server as a backend service hosts it, without Orleans: an ASP.NET Core app with AddBitsUploads, the SQL session
/// store on a SQLite file, and one MapBitsUploads call. The app stops half way through an upload and a new app on the
/// same database and root goes on with the same session.
/// </summary>
public sealed class HostedAppTests : IDisposable
{
    private readonly string _parent = Directory.CreateTempSubdirectory("xfer-uploads-app-").FullName;

    public void Dispose() => Directory.Delete(_parent, recursive: true);

    [Fact]
    public async Task AppWithTheSqlStore_KeepsTheSessionAcrossItsRestart_AndCommitsTheWholeFile()
    {
        var root = Directory.CreateDirectory(Path.Combine(_parent, "root")).FullName;
        var database = Path.Combine(_parent, "sessions.db");
        var file = Bits.RandomFile(300_000);

        string session;
        var (first, firstAddress) = await StartAppAsync(root, database);
        await using (first)
        {
            using var client = new HttpClient { BaseAddress = firstAddress };
            session = await client.CreateSessionAsync("/uploads/report.bin");
            using var half = await client.FragmentAsync("/uploads/report.bin", session, file, 0, 149_999);
            half.AssertAck(200);
        }

        var (second, secondAddress) = await StartAppAsync(root, database);
        await using (second)
        {
            using var client = new HttpClient { BaseAddress = secondAddress };
            using var rest = await client.FragmentAsync("/uploads/report.bin", session, file, 150_000, file.Length - 1);
            rest.AssertAck(200);
            Assert.Equal(file.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), rest.Header("BITS-Received-Content-Range"));
            using var close = await client.SendAsync("Close-Session", "/uploads/report.bin", session);
            close.AssertAck(200);
        }

        Assert.Equal(file, await File.ReadAllBytesAsync(Path.Combine(root, "report.bin")));
        Assert.Equal(["report.bin"], Directory.GetFileSystemEntries(root).Select(Path.GetFileName));
    }

    private static async Task<(WebApplication App, Uri Address)> StartAppAsync(string root, string database)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        builder.Services.AddSqlUploadSessionStore(o =>
        {
            o.Provider = SqlUploadSessionProvider.Sqlite;
            o.ConnectionString = $"Data Source={database}";
        });
        builder.Services.AddBitsUploads();
        var app = builder.Build();
        app.MapBitsUploads("/uploads", d => d.Root = root);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return (app, new Uri(address));
    }
}
