namespace Orleans.Transfer.Silo.Security;

/// <summary>How privileged the silo process is, as far as <see cref="OrleansTlsMode.Auto"/> is concerned.</summary>
public enum ProcessPrivilege
{
    /// <summary>An ordinary account.</summary>
    None = 0,

    /// <summary>Effective user id 0 on Linux.</summary>
    Root = 1,

    /// <summary>Started by the Windows service control manager, whatever its account.</summary>
    WindowsService = 2,

    /// <summary>An elevated Administrator (or SYSTEM) on Windows, not as a service.</summary>
    Administrator = 3,
}
