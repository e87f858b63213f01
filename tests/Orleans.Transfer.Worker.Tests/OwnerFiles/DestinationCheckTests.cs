using System.Runtime.Versioning;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Transfer.Platform.Unix;
using Orleans.Transfer.Worker.LocalPaths;
using Orleans.Transfer.Worker.OwnerFiles;

namespace Orleans.Transfer.Worker.Tests.OwnerFiles;

/// <summary>
/// The create-time checks of local paths (<see cref="IOwnerFileSystem.CheckDestinationsAsync"/>), made as the owner:
/// nobody (uid 65534) against directories root made, on the real owner threads.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class DestinationCheckTests : OwnerFilesFixture
{
    private const int ManyFiles = 1_000;

    /// <summary>
    /// Adds: a directory inside another user's 0700 directory is DestinationNotWritable for the owner, with the same
    /// message whether it exists or not (no existence leak), where root would have found it; no probe is left.
    /// </summary>
    [LinuxRootFact]
    public async Task Check_InsideAnotherUsersPrivateDirectory_IsNotWritable_WhetherItExistsOrNot()
    {
        var other = Directory.CreateDirectory(PathOf("other")).FullName;
        File.SetUnixFileMode(other, (UnixFileMode)0b111_000_000);
        var inner = Directory.CreateDirectory(Path.Combine(other, "inner")).FullName;
        var checker = Service<ILocalPathChecker>();

        var existing = await Assert.ThrowsAsync<TransferJobException>(
            () => checker.CheckAsync(NobodyOwner, [new LocalPathCheck(Path.Combine(inner, "a.bin"), "files[0].localPath")]));
        var missing = await Assert.ThrowsAsync<TransferJobException>(
            () => checker.CheckAsync(NobodyOwner, [new LocalPathCheck(Path.Combine(other, "nothing", "a.bin"), "files[0].localPath")]));

        Assert.Equal((TransferErrorCode.DestinationNotWritable, "files[0].localPath"), (existing.Code, existing.Field));
        Assert.Equal((TransferErrorCode.DestinationNotWritable, "files[0].localPath"), (missing.Code, missing.Field));
        Assert.Equal(existing.Message.Replace(inner, "<dir>", StringComparison.Ordinal), missing.Message.Replace(Path.Combine(other, "nothing"), "<dir>", StringComparison.Ordinal));
        Assert.Empty(Directory.EnumerateFileSystemEntries(inner));

        // The service itself may write there: the answer is the owner's, not root's.
        await checker.CheckAsync(null, [new LocalPathCheck(Path.Combine(inner, "a.bin"), "files[0].localPath")]);
        Assert.Empty(Directory.EnumerateFileSystemEntries(inner));
    }

    /// <summary>
    /// Adds: a request of 1,000 files in one directory is one trip to the owner's threads, accepted with no probe
    /// left; with bad files in it, the first bad one (an existing directory) is reported, not a later one.
    /// </summary>
    [LinuxRootFact]
    public async Task Check_ManyFilesInOneDirectory_IsOneTrip_AndReportsTheFirstBadFile()
    {
        var directory = Directory.CreateDirectory(PathOf("many")).FullName;
        File.SetUnixFileMode(directory, (UnixFileMode)0b111_111_111);
        var runner = new CountingRunner(Service<IOwnerIdentityRunner>());
        var files = new UnixOwnerFileSystem(runner, Service<OwnerAccounts>(), Service<ProbedDirectories>(), NullLogger<UnixOwnerFileSystem>.Instance);
        var paths = Enumerable.Range(0, ManyFiles).Select(i => Path.Combine(directory, $"f{i}.bin")).ToArray();

        Assert.Null(await files.CheckDestinationsAsync(NobodyOwner, paths, CancellationToken.None));
        Assert.Equal(1, runner.Trips);
        Assert.Empty(Directory.EnumerateFileSystemEntries(directory));

        paths[400] = Directory.CreateDirectory(Path.Combine(directory, "sub")).FullName;
        paths[700] = Path.Combine(directory, "missing", "f.bin");
        Assert.Equal(new DestinationRefusal(400, TransferErrorCode.InvalidLocalPath), await files.CheckDestinationsAsync(NobodyOwner, paths, CancellationToken.None));
        Assert.Equal(2, runner.Trips);

        Assert.Null(await files.CheckDestinationsAsync(NobodyOwner, [], CancellationToken.None));
        Assert.Equal(2, runner.Trips);
    }

    /// <summary>
    /// Adds: a directory found writable is remembered for the owner, but a change of its mode is seen by the very next
    /// check (the stamp differs, so the probe runs again and refuses), and so is the change back.
    /// </summary>
    [LinuxRootFact]
    public async Task Check_ADirectoryFoundWritable_SeesAModeChangeAtOnce()
    {
        var directory = Directory.CreateDirectory(PathOf("bulk")).FullName;
        File.SetUnixFileMode(directory, (UnixFileMode)0b111_111_111);
        string[] paths = [Path.Combine(directory, "a.bin")];

        Assert.Null(await Files.CheckDestinationsAsync(NobodyOwner, paths, CancellationToken.None));
        File.SetUnixFileMode(directory, (UnixFileMode)0b111_101_101);
        Assert.Equal(new DestinationRefusal(0, TransferErrorCode.DestinationNotWritable), await Files.CheckDestinationsAsync(NobodyOwner, paths, CancellationToken.None));
        File.SetUnixFileMode(directory, (UnixFileMode)0b111_111_111);
        Assert.Null(await Files.CheckDestinationsAsync(NobodyOwner, paths, CancellationToken.None));
        Assert.Empty(Directory.EnumerateFileSystemEntries(directory));
    }

    /// <summary>
    /// Adds: a directory known writable with its current stamp is not probed (/proc, where a probe would fail, passes),
    /// a probe that fails is not remembered, and the stamp asked about is the directory's own.
    /// </summary>
    [LinuxFact]
    public void Check_ADirectoryKnownWritable_IsNotProbed_AndARefusalIsNotRemembered()
    {
        Assert.Equal(0, UnixFileCalls.StatAt(UnixFileCalls.CurrentDirectory, "/proc", followLinks: true, out var proc));
        var asked = new List<(string, DirectoryStamp)>();
        var found = new List<string>();
        string[] paths = ["/proc/xfer-probe-test.bin"];

        var known = UnixDestinationChecks.Check(paths, ".xfer-probe-test", (d, s) =>
        {
            asked.Add((d, s));
            return true;
        }, (d, _) => found.Add(d));
        var unknown = UnixDestinationChecks.Check(paths, ".xfer-probe-test", (_, _) => false, (d, _) => found.Add(d));

        Assert.Null(known);
        Assert.Equal([("/proc", DirectoryStamp.Of(proc))], asked);
        Assert.Equal(new DestinationRefusal(0, TransferErrorCode.DestinationNotWritable), unknown);
        Assert.Empty(found);
    }

    /// <summary>Adds: a directory the owner may search but not write (root's 0755 scratch) is DestinationNotWritable; a missing one the owner can see into is DestinationNotFound.</summary>
    [LinuxRootFact]
    public async Task Check_AReadableDirectory_IsNotWritable_AndAMissingOne_NotFound()
    {
        Assert.Equal(
            new DestinationRefusal(0, TransferErrorCode.DestinationNotWritable),
            await Files.CheckDestinationsAsync(NobodyOwner, [PathOf("a.bin")], CancellationToken.None));
        Assert.Equal(
            new DestinationRefusal(0, TransferErrorCode.DestinationNotFound),
            await Files.CheckDestinationsAsync(NobodyOwner, [PathOf(Path.Combine("missing", "a.bin"))], CancellationToken.None));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Scratch));
    }

    /// <summary>
    /// Adds: a trusted service's caller (a name that is no local account) is checked as
    /// <see cref="OwnerFileAccessOptions.TrustedServiceAccount"/>, as its files are, and as the service without one.
    /// </summary>
    [LinuxRootFact]
    public async Task Check_ATrustedServicesCaller_IsCheckedAsTheTrustedServiceAccount()
    {
        using var services = new ServiceCollection()
            .AddLogging()
            .AddTransferWorker()
            .Configure<OwnerFileAccessOptions>(options => options.TrustedServiceAccount = "nobody")
            .BuildServiceProvider();
        var asNobody = services.GetRequiredService<ILocalPathChecker>();
        var check = new LocalPathCheck(PathOf("a.bin"), "files[0].localPath");

        var error = await Assert.ThrowsAsync<TransferJobException>(() => asNobody.CheckAsync("portal:alice@example.test", [check]));

        Assert.Equal(TransferErrorCode.DestinationNotWritable, error.Code);
        await Service<ILocalPathChecker>().CheckAsync("portal:alice@example.test", [check]);
    }

    /// <summary>
    /// Adds: Windows' rules (.NET's file APIs, as the service itself) give the same answers: a directory is
    /// InvalidLocalPath, a missing directory DestinationNotFound, the first bad path wins, and the probe is removed.
    /// </summary>
    [LinuxFact]
    public void ManagedChecks_AnswerAsTheUnixChecks()
    {
        var sub = Directory.CreateDirectory(PathOf("sub")).FullName;

        Assert.Null(ManagedDestinationChecks.Check([PathOf("a.bin"), PathOf("b.bin")]));
        Assert.Equal(
            new DestinationRefusal(1, TransferErrorCode.InvalidLocalPath),
            ManagedDestinationChecks.Check([PathOf("a.bin"), sub, PathOf(Path.Combine("missing", "a.bin"))]));
        Assert.Equal(
            new DestinationRefusal(0, TransferErrorCode.DestinationNotFound),
            ManagedDestinationChecks.Check([PathOf(Path.Combine("missing", "a.bin")), sub]));
        Assert.Equal([sub], Directory.EnumerateFileSystemEntries(Scratch));
    }

    /// <summary>
    /// Adds: when the service cannot act for the owner at all (a trusted service account that no longer exists, or
    /// taking on the owner's rights fails), the refusal names the owner field, not the first path, with its code kept.
    /// </summary>
    [LinuxFact]
    public async Task Check_AnOwnerTheServiceCannotActFor_IsReportedAgainstTheOwnerField()
    {
        var gone = new OwnerAccounts(Options.Create(new OwnerFileAccessOptions { TrustedServiceAccount = "no-such-user-xfer" }), TimeProvider.System);
        var unresolved = new OwnerLocalPathChecker(new UnixOwnerFileSystem(new FailingRunner(), gone, Service<ProbedDirectories>(), NullLogger<UnixOwnerFileSystem>.Instance));
        var unswitched = new OwnerLocalPathChecker(new UnixOwnerFileSystem(new FailingRunner(), Service<OwnerAccounts>(), Service<ProbedDirectories>(), NullLogger<UnixOwnerFileSystem>.Instance));
        LocalPathCheck[] checks = [new(PathOf("a.bin"), "files[0].localPath")];

        var accessDenied = await Assert.ThrowsAsync<TransferJobException>(() => unresolved.CheckAsync("portal:alice@example.test", checks));
        var ioError = await Assert.ThrowsAsync<TransferJobException>(() => unswitched.CheckAsync(NobodyOwner, checks));

        Assert.Equal((TransferErrorCode.AccessDenied, "owner"), (accessDenied.Code, accessDenied.Field));
        Assert.StartsWith("owner: The account 'no-such-user-xfer' ", accessDenied.Message, StringComparison.Ordinal);
        Assert.Equal((TransferErrorCode.LocalIoError, "owner"), (ioError.Code, ioError.Field));
        Assert.StartsWith("owner: the local paths could not be checked with the owner's rights: ", ioError.Message, StringComparison.Ordinal);
    }

    /// <summary>An owner thread that cannot take on the owner's rights, as <see cref="OwnerThreadPool"/> reports it.</summary>
    private sealed class FailingRunner : IOwnerIdentityRunner
    {
        public UnixCredentials ActingAs(UnixCredentials owner) => owner;

        public Task<T> RunAsync<T>(UnixCredentials owner, Func<T> operation, CancellationToken cancellationToken) =>
            Task.FromException<T>(new IOException($"The service could not act with the rights of uid {owner.UserId} (errno 1); the file operation was not made."));
    }

    private sealed class CountingRunner(IOwnerIdentityRunner inner) : IOwnerIdentityRunner
    {
        private int _trips;

        public int Trips => _trips;

        public UnixCredentials ActingAs(UnixCredentials owner) => inner.ActingAs(owner);

        public Task<T> RunAsync<T>(UnixCredentials owner, Func<T> operation, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _trips);
            return inner.RunAsync(owner, operation, cancellationToken);
        }
    }
}
