using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace Orleans.Transfer.Worker;

/// <summary>
/// One libsmbclient context (SMBCCTX) for one credential, with the connections it caches. Every member runs on the SMB
/// thread. The calls return 0 or the errno, and leave messages to the caller.
/// </summary>
internal sealed unsafe class SmbcContext
{
    private const int StatBytes = 256;
    private const int ModeTypeMask = 0xF000;
    private const int ModeDirectory = 0x4000;
    private const int SeekSet = 0;
    private const uint CreateMode = 0x1A4; // 0644: smbd applies the share's create mask anyway

    private readonly SmbcLibrary _library;
    private readonly delegate* unmanaged<nint, byte*, int, uint, nint> _open;
    private readonly delegate* unmanaged<nint, nint, byte*, nuint, nint> _read;
    private readonly delegate* unmanaged<nint, nint, byte*, nuint, nint> _write;
    private readonly delegate* unmanaged<nint, nint, long, int, long> _lseek;
    private readonly delegate* unmanaged<nint, byte*, byte*, int> _stat;
    private readonly delegate* unmanaged<nint, nint, byte*, int> _fstat;
    private readonly delegate* unmanaged<nint, nint, long, int> _ftruncate;
    private readonly delegate* unmanaged<nint, nint, int> _close;
    private readonly delegate* unmanaged<nint, byte*, nint, byte*, int> _rename;
    private readonly delegate* unmanaged<nint, byte*, int> _unlink;
    private readonly delegate* unmanaged<nint, byte*, long*, int> _utimes;
    private readonly nint _handle;

    private SmbcContext(SmbcLibrary library, nint handle, nint authId)
    {
        _library = library;
        _handle = handle;
        AuthId = authId;
        _open = (delegate* unmanaged<nint, byte*, int, uint, nint>)library.GetOpen(handle);
        _read = (delegate* unmanaged<nint, nint, byte*, nuint, nint>)library.GetRead(handle);
        _write = (delegate* unmanaged<nint, nint, byte*, nuint, nint>)library.GetWrite(handle);
        _lseek = (delegate* unmanaged<nint, nint, long, int, long>)library.GetLseek(handle);
        _stat = (delegate* unmanaged<nint, byte*, byte*, int>)library.GetStat(handle);
        _fstat = (delegate* unmanaged<nint, nint, byte*, int>)library.GetFstat(handle);
        _ftruncate = (delegate* unmanaged<nint, nint, long, int>)library.GetFtruncate(handle);
        _close = (delegate* unmanaged<nint, nint, int>)library.GetClose(handle);
        _rename = (delegate* unmanaged<nint, byte*, nint, byte*, int>)library.GetRename(handle);
        _unlink = (delegate* unmanaged<nint, byte*, int>)library.GetUnlink(handle);
        _utimes = (delegate* unmanaged<nint, byte*, long*, int>)library.GetUtimes(handle);
    }

    /// <summary>The id the authentication callback finds this context's credential by.</summary>
    public nint AuthId { get; }

    /// <summary>Files open on this context, which must not be freed under them by the idle sweep.</summary>
    public int OpenFiles { get; set; }

    /// <summary>When a call last used the context.</summary>
    public DateTimeOffset LastUsed { get; set; }

    /// <summary>True once freed: files still holding it fail instead of calling into freed memory.</summary>
    public bool IsFreed { get; private set; }

    /// <summary>Creates and initialises a context authenticating with <paramref name="credential"/> (null: anonymously): 0 or the errno.</summary>
    public static int TryCreate(SmbcLibrary library, SmbCredential? credential, string host, TimeSpan timeout, string configuration, out SmbcContext? context)
    {
        context = null;
        ClearErrno();
        var handle = library.NewContext();
        if (handle == 0)
        {
            return Errno();
        }

        var authId = SmbcAuth.Register(library, credential, host);
        library.SetDebug(handle, 0);
        library.SetUserData(handle, authId);
        library.SetAuthentication(handle, SmbcAuth.Callback);
        library.SetTimeout(handle, (int)timeout.TotalMilliseconds);
        int configured;
        fixed (byte* path = Utf8(configuration))
        {
            // Replaces what smbc_new_context read from /etc/samba/smb.conf and ~/.smb/smb.conf with an empty configuration.
            ClearErrno();
            configured = library.SetConfiguration(handle, path);
        }

        if (configured != 0)
        {
            var errno = Errno();
            library.FreeContext(handle, 0);
            SmbcAuth.Unregister(authId);
            return errno;
        }

        var kerberos = credential is { UseKerberos: true } ? 1 : 0;
        library.SetUseKerberos(handle, kerberos);
        library.SetFallbackAfterKerberos(handle, kerberos);
        // Never the process's own Kerberos ticket cache: a Negotiate credential gets its ticket with its own password.
        library.SetUseCCache(handle, 0);
        library.SetNoAutoAnonymousLogin(handle, credential is null ? 0 : 1);
        ClearErrno();
        if (library.InitContext(handle) == 0)
        {
            var errno = Errno();
            library.FreeContext(handle, 0);
            SmbcAuth.Unregister(authId);
            return errno;
        }

        context = new SmbcContext(library, handle, authId);
        return 0;
    }

    /// <summary>Opens <paramref name="url"/> for reading, or for reading and writing (created when missing, never truncated).</summary>
    public int Open(string url, bool write, out nint file)
    {
        const int ReadOnly = 0, ReadWrite = 2, Create = 0x40;
        fixed (byte* name = Utf8(url))
        {
            ClearErrno();
            file = _open(_handle, name, write ? ReadWrite | Create : ReadOnly, CreateMode);
            return file == 0 ? Errno() : 0;
        }
    }

    /// <summary>Reads into the pinned buffer at <paramref name="address"/> from <paramref name="offset"/> until <paramref name="count"/> bytes or the end of the file.</summary>
    public int Read(nint file, long offset, nint address, int count, out int total)
    {
        total = 0;
        if (Seek(file, offset) is var seekError and not 0)
        {
            return seekError;
        }

        while (total < count)
        {
            ClearErrno();
            var done = _read(_handle, file, (byte*)address + total, (nuint)(count - total));
            if (done < 0)
            {
                return Errno();
            }

            if (done == 0)
            {
                break;
            }

            total += (int)done;
        }

        return 0;
    }

    /// <summary>Writes all of <paramref name="count"/> bytes at <paramref name="offset"/>.</summary>
    public int Write(nint file, long offset, nint address, int count)
    {
        if (Seek(file, offset) is var seekError and not 0)
        {
            return seekError;
        }

        var total = 0;
        while (total < count)
        {
            ClearErrno();
            var done = _write(_handle, file, (byte*)address + total, (nuint)(count - total));
            if (done <= 0)
            {
                return Errno();
            }

            total += (int)done;
        }

        return 0;
    }

    public int Truncate(nint file, long length)
    {
        ClearErrno();
        return _ftruncate(_handle, file, length) < 0 ? Errno() : 0;
    }

    public int Close(nint file)
    {
        ClearErrno();
        return _close(_handle, file) < 0 ? Errno() : 0;
    }

    public int Stat(string url, out SmbFileInfo? info)
    {
        var buffer = stackalloc byte[StatBytes];
        fixed (byte* name = Utf8(url))
        {
            ClearErrno();
            var result = _stat(_handle, name, buffer);
            if (result < 0)
            {
                info = null;
                return Errno();
            }

            info = Parse(new ReadOnlySpan<byte>(buffer, StatBytes));
            return 0;
        }
    }

    public int Fstat(nint file, out SmbFileInfo? info)
    {
        var buffer = stackalloc byte[StatBytes];
        ClearErrno();
        var result = _fstat(_handle, file, buffer);
        if (result < 0)
        {
            info = null;
            return Errno();
        }

        info = Parse(new ReadOnlySpan<byte>(buffer, StatBytes));
        return 0;
    }

    public int Rename(string from, string to)
    {
        fixed (byte* source = Utf8(from))
        fixed (byte* target = Utf8(to))
        {
            ClearErrno();
            return _rename(_handle, source, _handle, target) < 0 ? Errno() : 0;
        }
    }

    public int Unlink(string url)
    {
        fixed (byte* name = Utf8(url))
        {
            ClearErrno();
            return _unlink(_handle, name) < 0 ? Errno() : 0;
        }
    }

    /// <summary>Sets the last-access and last-write times (microseconds are what utimes carries).</summary>
    public int SetTimes(string url, DateTimeOffset time)
    {
        var microseconds = (time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TimeSpan.TicksPerMicrosecond;
        var seconds = Math.DivRem(microseconds, 1_000_000, out var rest);
        if (rest < 0)
        {
            seconds--;
            rest += 1_000_000;
        }

        var times = stackalloc long[] { seconds, rest, seconds, rest };
        fixed (byte* name = Utf8(url))
        {
            ClearErrno();
            return _utimes(_handle, name, times) < 0 ? Errno() : 0;
        }
    }

    /// <summary>Frees the context, closing its connections and any file still open on it.</summary>
    public void Free()
    {
        if (IsFreed)
        {
            return;
        }

        IsFreed = true;
        _library.FreeContext(_handle, 1);
        SmbcAuth.Unregister(AuthId);
    }

    private int Seek(nint file, long offset)
    {
        ClearErrno();
        return _lseek(_handle, file, offset, SeekSet) < 0 ? Errno() : 0;
    }

    // errno is cleared before each call and read straight after it, as the runtime's SetLastError marshalling does.
    private static void ClearErrno() => Marshal.SetLastSystemError(0);

    // A failure that left errno at 0 still has to be a failure.
    private static int Errno()
    {
        var errno = Marshal.GetLastSystemError();
        return errno == 0 ? -1 : errno;
    }

    private static byte[] Utf8(string value)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(value) + 1];
        Encoding.UTF8.GetBytes(value, bytes);
        return bytes;
    }

    // struct stat on Linux x86-64 and arm64: st_size at 48 and st_mtim at 88 in both; st_mode at 24 or 16.
    private static SmbFileInfo Parse(ReadOnlySpan<byte> stat)
    {
        var modeOffset = RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? 16 : 24;
        var mode = BinaryPrimitives.ReadUInt32LittleEndian(stat[modeOffset..]);
        var size = BinaryPrimitives.ReadInt64LittleEndian(stat[48..]);
        var seconds = BinaryPrimitives.ReadInt64LittleEndian(stat[88..]);
        var nanoseconds = BinaryPrimitives.ReadInt64LittleEndian(stat[96..]);
        var lastWrite = DateTimeOffset.UnixEpoch.AddSeconds(seconds).AddTicks(nanoseconds / 100);
        return new SmbFileInfo(size, lastWrite, (mode & ModeTypeMask) == ModeDirectory);
    }
}
