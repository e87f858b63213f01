namespace Orleans.Transfer.Worker.Tests.Transports.Smb.Native;

/// <summary>A test against a real smbd and libsmbclient; skipped, saying why, off Linux.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class LinuxSambaFactAttribute : FactAttribute
{
    public LinuxSambaFactAttribute()
    {
        if (!OperatingSystem.IsLinux())
        {
            Skip = "libsmbclient and the Samba test server are Linux only";
        }
    }
}
