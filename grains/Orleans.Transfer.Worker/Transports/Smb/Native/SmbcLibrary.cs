using System.Runtime.InteropServices;

namespace Orleans.Transfer.Worker;

/// <summary>
/// Samba's libsmbclient, loaded by its versioned name (the unversioned .so ships only with the -dev package) and bound
/// to the context API's exports. Only the SMB thread calls these.
/// </summary>
internal sealed unsafe class SmbcLibrary
{
    /// <summary>The name the library is loaded by.</summary>
    public const string DefaultName = "libsmbclient.so.0";

    /// <summary>The Debian package that ships it.</summary>
    public const string DebianPackage = "libsmbclient";

    private SmbcLibrary(nint handle)
    {
        NewContext = (delegate* unmanaged<nint>)Export(handle, "smbc_new_context");
        FreeContext = (delegate* unmanaged<nint, int, int>)Export(handle, "smbc_free_context");
        InitContext = (delegate* unmanaged<nint, nint>)Export(handle, "smbc_init_context");
        SetDebug = (delegate* unmanaged<nint, int, void>)Export(handle, "smbc_setDebug");
        SetTimeout = (delegate* unmanaged<nint, int, void>)Export(handle, "smbc_setTimeout");
        SetConfiguration = (delegate* unmanaged<nint, byte*, int>)Export(handle, "smbc_setConfiguration");
        SetUserData = (delegate* unmanaged<nint, nint, void>)Export(handle, "smbc_setOptionUserData");
        GetUserData = (delegate* unmanaged<nint, nint>)Export(handle, "smbc_getOptionUserData");
        SetUseKerberos = (delegate* unmanaged<nint, int, void>)Export(handle, "smbc_setOptionUseKerberos");
        SetFallbackAfterKerberos = (delegate* unmanaged<nint, int, void>)Export(handle, "smbc_setOptionFallbackAfterKerberos");
        SetUseCCache = (delegate* unmanaged<nint, int, void>)Export(handle, "smbc_setOptionUseCCache");
        SetNoAutoAnonymousLogin = (delegate* unmanaged<nint, int, void>)Export(handle, "smbc_setOptionNoAutoAnonymousLogin");
        SetAuthentication = (delegate* unmanaged<nint, nint, void>)Export(handle, "smbc_setFunctionAuthDataWithContext");
        GetOpen = Getter(handle, "smbc_getFunctionOpen");
        GetRead = Getter(handle, "smbc_getFunctionRead");
        GetWrite = Getter(handle, "smbc_getFunctionWrite");
        GetLseek = Getter(handle, "smbc_getFunctionLseek");
        GetStat = Getter(handle, "smbc_getFunctionStat");
        GetFstat = Getter(handle, "smbc_getFunctionFstat");
        GetFtruncate = Getter(handle, "smbc_getFunctionFtruncate");
        GetClose = Getter(handle, "smbc_getFunctionClose");
        GetRename = Getter(handle, "smbc_getFunctionRename");
        GetUnlink = Getter(handle, "smbc_getFunctionUnlink");
        GetUtimes = Getter(handle, "smbc_getFunctionUtimes");
    }

    public delegate* unmanaged<nint> NewContext { get; }

    public delegate* unmanaged<nint, int, int> FreeContext { get; }

    public delegate* unmanaged<nint, nint> InitContext { get; }

    public delegate* unmanaged<nint, int, void> SetDebug { get; }

    public delegate* unmanaged<nint, int, void> SetTimeout { get; }

    public delegate* unmanaged<nint, byte*, int> SetConfiguration { get; }

    public delegate* unmanaged<nint, nint, void> SetUserData { get; }

    public delegate* unmanaged<nint, nint> GetUserData { get; }

    public delegate* unmanaged<nint, int, void> SetUseKerberos { get; }

    public delegate* unmanaged<nint, int, void> SetFallbackAfterKerberos { get; }

    public delegate* unmanaged<nint, int, void> SetUseCCache { get; }

    public delegate* unmanaged<nint, int, void> SetNoAutoAnonymousLogin { get; }

    public delegate* unmanaged<nint, nint, void> SetAuthentication { get; }

    public delegate* unmanaged<nint, nint> GetOpen { get; }

    public delegate* unmanaged<nint, nint> GetRead { get; }

    public delegate* unmanaged<nint, nint> GetWrite { get; }

    public delegate* unmanaged<nint, nint> GetLseek { get; }

    public delegate* unmanaged<nint, nint> GetStat { get; }

    public delegate* unmanaged<nint, nint> GetFstat { get; }

    public delegate* unmanaged<nint, nint> GetFtruncate { get; }

    public delegate* unmanaged<nint, nint> GetClose { get; }

    public delegate* unmanaged<nint, nint> GetRename { get; }

    public delegate* unmanaged<nint, nint> GetUnlink { get; }

    public delegate* unmanaged<nint, nint> GetUtimes { get; }

    /// <summary>
    /// Loads <paramref name="name"/>; a missing library, or one without the context API, is a
    /// <see cref="SmbErrorKind.ClientMissing"/> failure naming the package to install.
    /// </summary>
    public static SmbcLibrary Load(string name)
    {
        if (!OperatingSystem.IsLinux() || !NativeLibrary.TryLoad(name, out var handle))
        {
            throw Missing($"{name} could not be loaded, so smb:// transfers are not possible on this machine");
        }

        try
        {
            return new SmbcLibrary(handle);
        }
        catch (EntryPointNotFoundException ex)
        {
            throw Missing($"{name} lacks libsmbclient's context API ({ex.Message})", ex);
        }
    }

    private static SmbException Missing(string what, Exception? inner = null) =>
        new(SmbErrorKind.ClientMissing, 0, $"{what}. {SmbcErrors.Advice(SmbErrorKind.ClientMissing)}", inner);

    private static nint Export(nint handle, string name) => NativeLibrary.GetExport(handle, name);

    private static delegate* unmanaged<nint, nint> Getter(nint handle, string name) => (delegate* unmanaged<nint, nint>)Export(handle, name);
}
