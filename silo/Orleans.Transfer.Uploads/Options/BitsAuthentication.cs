namespace Orleans.Transfer.Uploads;

/// <summary>Who may upload to a virtual directory.</summary>
public enum BitsAuthentication
{
    /// <summary>Anyone who reaches the port.</summary>
    Anonymous = 0,

    /// <summary>HTTP Basic over TLS against the directory's password file; plain HTTP is refused (403) except on loopback.</summary>
    Basic = 1,

    /// <summary>The hosting app's own authorization (another ASP.NET Core app: <c>MapBitsUploads(...).RequireAuthorization(...)</c>).</summary>
    Host = 2,
}
