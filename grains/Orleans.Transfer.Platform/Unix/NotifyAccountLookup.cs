using System.Runtime.InteropServices;

namespace Orleans.Transfer.Platform.Unix;

/// <summary>
/// Finds the account a notify command runs as, by uid or by name, with its home directory (which
/// <see cref="UnixAccounts"/> does not read).
/// </summary>
public static unsafe partial class NotifyAccountLookup
{
    private const int InitialBufferBytes = 1024;

    // An entry larger than this is not a real account; give up rather than grow without end.
    private const int MaxBufferBytes = 1024 * 1024;

    /// <summary>The account of <paramref name="uid"/>, or null when it has none (or the lookup failed).</summary>
    public static NotifyAccount? FindByUserId(uint uid) =>
        Find((out PasswdEntry entry, byte* buffer, nuint length, out nint result) =>
            LibC.GetPasswordEntry(uid, out entry, buffer, length, out result));

    /// <summary>The account named <paramref name="name"/>, or null when there is none (or the lookup failed).</summary>
    public static NotifyAccount? FindByName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Length == 0 || name.Contains('\0', StringComparison.Ordinal)
            ? null
            : Find((out PasswdEntry entry, byte* buffer, nuint length, out nint result) =>
                GetPasswordEntryByName(name, out entry, buffer, length, out result));
    }

    private delegate int Lookup(out PasswdEntry entry, byte* buffer, nuint length, out nint result);

    private static NotifyAccount? Find(Lookup lookup)
    {
        for (var size = InitialBufferBytes; size <= MaxBufferBytes; size *= 2)
        {
            var buffer = new byte[size];
            fixed (byte* start = buffer)
            {
                var error = lookup(out var entry, start, (nuint)size, out var result);
                if (error == LibC.ERANGE)
                {
                    continue;
                }

                // The strings point into the buffer: read them while it is pinned.
                return error == 0 && result != 0 && Marshal.PtrToStringUTF8(entry.Name) is { Length: > 0 } name
                    ? new NotifyAccount(name, entry.UserId, Marshal.PtrToStringUTF8(entry.Directory) ?? string.Empty)
                    : null;
            }
        }

        return null;
    }

    /// <summary>getpwnam_r(3): returns 0 and a null <paramref name="result"/> when no such user exists, ERANGE when the buffer is too small.</summary>
    [LibraryImport("libc", EntryPoint = "getpwnam_r", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int GetPasswordEntryByName(string name, out PasswdEntry entry, byte* buffer, nuint length, out nint result);
}
