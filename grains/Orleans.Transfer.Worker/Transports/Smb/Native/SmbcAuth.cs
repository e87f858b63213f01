using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace Orleans.Transfer.Worker;

/// <summary>
/// The credentials of the live libsmbclient contexts, by the id each context carries as its user data. The
/// authentication callback only looks its context's credential up here: it runs inside a libsmbclient call, on the SMB
/// thread, and must neither block nor call back into the library beyond reading the user data.
/// </summary>
internal static unsafe class SmbcAuth
{
    private static readonly ConcurrentDictionary<nint, (SmbCredential? Credential, string Host, int Calls)> s_entries = new();
    private static long s_lastId;
    private static delegate* unmanaged<nint, nint> s_getUserData;

    /// <summary>The callback to give smbc_setFunctionAuthDataWithContext.</summary>
    public static nint Callback => (nint)(delegate* unmanaged[Cdecl]<nint, byte*, byte*, byte*, int, byte*, int, byte*, int, void>)&Authenticate;

    /// <summary>
    /// Registers a context's credential (null: anonymous) for the one server it may go to, and returns the id to store
    /// as its user data.
    /// </summary>
    public static nint Register(SmbcLibrary library, SmbCredential? credential, string host)
    {
        s_getUserData = library.GetUserData;
        var id = (nint)Interlocked.Increment(ref s_lastId);
        s_entries[id] = (credential, host, 0);
        return id;
    }

    /// <summary>Forgets a freed context's credential.</summary>
    public static void Unregister(nint id) => s_entries.TryRemove(id, out _);

    /// <summary>How often the server asked for the context's credential: once per new connection.</summary>
    public static int Calls(nint id) => s_entries.TryGetValue(id, out var entry) ? entry.Calls : 0;

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Authenticate(nint context, byte* server, byte* share, byte* workgroup, int workgroupLength,
        byte* user, int userLength, byte* password, int passwordLength)
    {
        var id = s_getUserData == null ? 0 : s_getUserData(context);
        if (!s_entries.TryGetValue(id, out var entry))
        {
            // Not one of ours (or already freed): answer anonymously rather than with anything libsmbclient guessed.
            Write(user, userLength, string.Empty);
            Write(password, passwordLength, string.Empty);
            return;
        }

        // A DFS referral or any other hop to a server the job did not name gets no credential, only an anonymous logon.
        if (!string.Equals(Marshal.PtrToStringUTF8((nint)server), entry.Host, StringComparison.OrdinalIgnoreCase))
        {
            Write(user, userLength, string.Empty);
            Write(password, passwordLength, string.Empty);
            return;
        }

        s_entries[id] = entry with { Calls = entry.Calls + 1 };
        var credential = entry.Credential;
        if (credential?.Domain is { Length: > 0 } domain)
        {
            Write(workgroup, workgroupLength, domain);
        }

        Write(user, userLength, credential?.UserName ?? string.Empty);
        Write(password, passwordLength, credential?.Password ?? string.Empty);
    }

    // A value too long for libsmbclient's buffer is left empty, so the logon fails plainly instead of with a cut password.
    private static void Write(byte* buffer, int length, string value)
    {
        if (buffer == null || length <= 0)
        {
            return;
        }

        var target = new Span<byte>(buffer, length);
        var written = Encoding.UTF8.GetByteCount(value) < length ? Encoding.UTF8.GetBytes(value, target) : 0;
        target[written] = 0;
    }
}
