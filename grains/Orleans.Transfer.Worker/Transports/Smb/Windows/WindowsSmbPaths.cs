namespace Orleans.Transfer.Worker;

/// <summary>The UNC names Windows opens a location by; a port cannot be named there, so such a location fails closed.</summary>
internal static class WindowsSmbPaths
{
    /// <summary>The UNC path of the file, or a NotSupported-style <see cref="SmbException"/> for a location with a port.</summary>
    public static string File(SmbLocation location)
    {
        RefusePort(location);
        return location.ToUncPath();
    }

    /// <summary>The UNC name of the share, which a credential is connected to.</summary>
    public static string Share(SmbLocation location)
    {
        RefusePort(location);
        return location.ToUncShare();
    }

    private static void RefusePort(SmbLocation location)
    {
        if (location.Port is { } port)
        {
            throw new SmbException(SmbErrorKind.Other, 0,
                $"Cannot reach {location.ToUrl()} on Windows: the Windows SMB client always uses port 445 and cannot be given port {port}. Use the server's standard port (drop ':{port}' from the URL).");
        }
    }
}
