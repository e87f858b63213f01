using System.Runtime.Versioning;
using System.Security.AccessControl;
using System.Security.Principal;

namespace Orleans.Transfer.Silo.Security;

/// <summary>
/// Windows ACLs for the certificate files: the service account, SYSTEM and Administrators only, plus read access for authenticated users
/// on the public certificate. Built for win-x64 but not run by the tests (docs/orleans-tls.md lists it as unverified).
/// </summary>
[SupportedOSPlatform("windows")]
internal static class WindowsFileAcl
{
    private static readonly SecurityIdentifier s_system = new(WellKnownSidType.LocalSystemSid, null);
    private static readonly SecurityIdentifier s_administrators = new(WellKnownSidType.BuiltinAdministratorsSid, null);
    private static readonly SecurityIdentifier? s_serviceAccount = WindowsIdentity.GetCurrent().User;
    private static readonly SecurityIdentifier s_authenticatedUsers = new(WellKnownSidType.AuthenticatedUserSid, null);

    public static void CreateDirectory(string path)
    {
        var security = new DirectorySecurity();
        security.SetAccessRuleProtection(isProtected: true, preserveInheritance: false);
        foreach (var owner in Owners())
        {
            security.AddAccessRule(new FileSystemAccessRule(
                owner, FileSystemRights.FullControl, InheritanceFlags.ContainerInherit | InheritanceFlags.ObjectInherit, PropagationFlags.None, AccessControlType.Allow));
        }

        var directory = new DirectoryInfo(path);
        if (directory.Exists)
        {
            directory.SetAccessControl(security);
        }
        else
        {
            directory.Create(security);
        }
    }

    public static FileStream CreateFile(string path, bool isPublic)
    {
        var security = new FileSecurity();
        security.SetAccessRuleProtection(isProtected: true, preserveInheritance: false);
        foreach (var owner in Owners())
        {
            security.AddAccessRule(new FileSystemAccessRule(owner, FileSystemRights.FullControl, AccessControlType.Allow));
        }

        if (isPublic)
        {
            security.AddAccessRule(new FileSystemAccessRule(s_authenticatedUsers, FileSystemRights.Read, AccessControlType.Allow));
        }

        return new FileInfo(path).Create(FileMode.CreateNew, FileSystemRights.Write | FileSystemRights.Read, FileShare.None, 4096, FileOptions.None, security);
    }

    private static IEnumerable<SecurityIdentifier> Owners() =>
        s_serviceAccount is null ? [s_system, s_administrators] : [s_serviceAccount, s_system, s_administrators];
}
