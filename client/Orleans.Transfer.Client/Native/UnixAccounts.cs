using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace Orleans.Transfer.Client.Native;

/// <summary>Account names of Unix user ids, from the system's user database (files, LDAP, whatever NSS is set to).</summary>
[UnsupportedOSPlatform("windows")]
internal static class UnixAccounts
{
    // Room for struct passwd on every Unix .NET runs on (48 bytes on 64-bit glibc, 72 on macOS); only its first
    // member, pw_name, is read.
    private const int PasswdSize = 128;

    // The strings behind struct passwd (name, gecos, home, shell) rarely need more; ERANGE asks for more.
    private const int InitialBufferSize = 1024;
    private const int MaxBufferSize = 1 << 20;

    /// <summary>The account name of <paramref name="uid"/>, or null when it has none or the lookup fails.</summary>
    public static string? NameOf(uint uid)
    {
        for (var size = InitialBufferSize; size <= MaxBufferSize; size *= 4)
        {
            var passwd = Marshal.AllocHGlobal(PasswdSize);
            var buffer = Marshal.AllocHGlobal(size);
            try
            {
                var error = LibC.GetPasswordEntry(uid, passwd, buffer, (nuint)size, out var result);
                if (error == 0)
                {
                    return result == IntPtr.Zero ? null : Marshal.PtrToStringUTF8(Marshal.ReadIntPtr(result));
                }

                if (error != LibC.RangeError)
                {
                    return null;
                }
            }
            finally
            {
                Marshal.FreeHGlobal(buffer);
                Marshal.FreeHGlobal(passwd);
            }
        }

        return null;
    }
}
