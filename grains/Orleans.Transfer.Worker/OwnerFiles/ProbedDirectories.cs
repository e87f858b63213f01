using Microsoft.Extensions.Options;
using Orleans.Transfer.Platform.Unix;

namespace Orleans.Transfer.Worker.OwnerFiles;

/// <summary>
/// Directories an identity was found able to create files in by the create-time probe (<see cref="UnixDestinationChecks"/>),
/// kept for <see cref="OwnerFileAccessOptions.IdentityCacheTime"/> while the directory keeps its <see cref="DirectoryStamp"/>:
/// a bulk creator's jobs into one directory then cost a statx each instead of a probe file created and removed. The
/// create-time check only names the field and the reason early; the owner's own open at the transfer stays the
/// boundary, so what the stamp does not show (docs/security.md lists it: ACLs, attributes, remounts, a full disk) moves
/// the refusal there for at most that time. A refusal is never kept. Keyed by the <see cref="UnixCredentials"/> object itself (its groups
/// compare by reference): an identity resolved again, after a group change say, is a new key and probes again.
/// </summary>
internal sealed class ProbedDirectories(IOptions<OwnerFileAccessOptions> options, TimeProvider timeProvider)
{
    private readonly ExpiringCache<(UnixCredentials Identity, string Directory), DirectoryStamp> _writable =
        new(options.Value.IdentityCacheTime, timeProvider);

    public bool IsKnownWritable(UnixCredentials identity, string directory, DirectoryStamp stamp) =>
        _writable.TryGet((identity, directory), out var kept) && kept == stamp;

    public void FoundWritable(UnixCredentials identity, string directory, DirectoryStamp stamp) =>
        _writable.Set((identity, directory), stamp);
}
