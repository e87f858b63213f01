using System.Runtime.Versioning;
using Orleans.Transfer.Platform.Unix;

namespace Orleans.Transfer.Integration.Tests.Security;

/// <summary>
/// Files and directories the owner-rights tests set up, as root or as a user: root-only places, device nodes,
/// FIFOs, links, an ACL and a group that grant a user write access.
/// </summary>
[SupportedOSPlatform("linux")]
internal static class OwnerFileScene
{
    public const string WritersGroup = "xfer-writers";

    private const UnixFileMode RootOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>A directory only root may enter (0700), inside <paramref name="parent"/>.</summary>
    public static string RootOnlyDirectory(string parent, string name)
    {
        var path = Directory.CreateDirectory(Path.Combine(parent, name)).FullName;
        File.SetUnixFileMode(path, RootOnly);
        return path;
    }

    /// <summary>A file root owns that everyone may read but only root write (0644).</summary>
    public static string RootFile(string parent, string name, string content)
    {
        var path = Path.Combine(parent, name);
        File.WriteAllText(path, content);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        return path;
    }

    /// <summary>Runs a command as <paramref name="user"/> (null: root) and fails with its output if it fails.</summary>
    public static async Task AsAsync(string? user, params string[] command)
    {
        var result = await UserCommand.RunAsync(user, new Dictionary<string, string>(), command);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException(result.ToString());
        }
    }

    /// <summary>The uid that owns <paramref name="path"/> itself (a link is not followed).</summary>
    public static uint OwnerOf(string path)
    {
        var error = UnixFileCalls.StatAt(UnixFileCalls.CurrentDirectory, path, followLinks: false, out var status);
        return error == 0 ? status.UserId : throw new IOException($"{path}: {UnixFileCalls.Describe(error)}");
    }

    public static UnixFileType? TypeOf(string path) => UnixFiles.TypeOf(path);

    /// <summary>Ensures <c>setfacl</c> exists, installing the acl package as CI does for PostgreSQL when it is missing.</summary>
    public static async Task EnsureSetfaclAsync()
    {
        if (File.Exists("/usr/bin/setfacl") || File.Exists("/bin/setfacl"))
        {
            return;
        }

        await AsAsync(null, "apt-get", "install", "-y", "-qq", "acl");
    }

    /// <summary>A group <paramref name="user"/> belongs to as a supplementary group.</summary>
    public static async Task EnsureWritersGroupAsync(string user)
    {
        var exists = await UserCommand.RunAsync(null, new Dictionary<string, string>(), "getent", "group", WritersGroup);
        if (exists.ExitCode != 0)
        {
            await AsAsync(null, "groupadd", WritersGroup);
        }

        await AsAsync(null, "usermod", "--append", "--groups", WritersGroup, user);
    }
}
