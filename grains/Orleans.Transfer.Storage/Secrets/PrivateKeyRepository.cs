using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Logging;

namespace Orleans.Transfer.Storage.Secrets;

/// <summary>
/// The Data Protection key files, in a directory only the service account may enter (0700) with files only it may
/// read (0600), whatever the process umask: whoever reads a key reads every secret stored with it.
/// </summary>
internal sealed class PrivateKeyRepository : IXmlRepository
{
    private const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly string _directory;
    private readonly FileSystemXmlRepository _files;

    public PrivateKeyRepository(string directory, ILoggerFactory loggerFactory)
    {
        _directory = directory;
        Restrict(directory);
        _files = new FileSystemXmlRepository(new DirectoryInfo(directory), loggerFactory);
    }

    public IReadOnlyCollection<XElement> GetAllElements() => _files.GetAllElements();

    public void StoreElement(XElement element, string friendlyName)
    {
        _files.StoreElement(element, friendlyName);
        Restrict(_directory);
    }

    /// <summary>Creates the directory, or takes group and other access away from it and its files.</summary>
    /// <param name="directory">The key directory.</param>
    public static void Restrict(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            // The key files themselves are DPAPI-encrypted for the service account.
            Directory.CreateDirectory(directory);
            return;
        }

        Directory.CreateDirectory(directory, DirectoryMode);
        File.SetUnixFileMode(directory, DirectoryMode);
        foreach (var file in Directory.EnumerateFiles(directory))
        {
            File.SetUnixFileMode(file, FileMode);
        }
    }
}
