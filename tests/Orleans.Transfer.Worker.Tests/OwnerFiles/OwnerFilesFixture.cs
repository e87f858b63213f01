using System.Diagnostics;
using System.Runtime.Versioning;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Transfer.Worker.Finishing;
using Orleans.Transfer.Worker.OwnerFiles;

namespace Orleans.Transfer.Worker.Tests.OwnerFiles;

/// <summary>
/// The worker's real owner-file services (one owner thread, so every operation reuses the same thread) and a scratch
/// directory every user can traverse.
/// </summary>
[SupportedOSPlatform("linux")]
public abstract class OwnerFilesFixture : IDisposable
{
    // nobody: a uid every Linux has, never root, with no rights on the test's root-owned files.
    protected const uint Nobody = 65534;
    protected const string NobodyOwner = "unix:65534";

    private readonly ServiceProvider _services = new ServiceCollection()
        .AddLogging()
        .AddTransferWorker()
        .Configure<OwnerFileAccessOptions>(options => options.FileThreads = 1)
        .BuildServiceProvider();

    protected OwnerFilesFixture()
    {
        Scratch = Directory.CreateTempSubdirectory("xfer-owner-files-").FullName;
        File.SetUnixFileMode(Scratch, (UnixFileMode)0b111_101_101);
    }

    protected string Scratch { get; }

    internal IOwnerFileSystem Files => _services.GetRequiredService<IOwnerFileSystem>();

    internal IFileFinisher Finisher => _services.GetRequiredService<IFileFinisher>();

    internal T Service<T>()
        where T : notnull => _services.GetRequiredService<T>();

    public void Dispose()
    {
        _services.Dispose();
        Directory.Delete(Scratch, recursive: true);
        GC.SuppressFinalize(this);
    }

    protected string PathOf(string name) => Path.Combine(Scratch, name);

    protected string Write(string name, string text, UnixFileMode? mode = null)
    {
        var path = PathOf(name);
        File.WriteAllText(path, text);
        if (mode is { } set)
        {
            File.SetUnixFileMode(path, set);
        }

        return path;
    }

    /// <summary>Runs a tool (ln, mkfifo, mknod, chown) and fails the test with its output if it fails.</summary>
    protected static async Task RunAsync(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{tool} {string.Join(' ', arguments)}: {error}");
    }
}
