using Microsoft.Extensions.Options;
using Orleans.Transfer.Uploads.Authentication;
using Orleans.Transfer.Uploads.Files;

namespace Orleans.Transfer.Uploads;

/// <summary>The virtual directories mapped so far (by <c>MapBitsUploads</c>); the sweeper finds each session's timeout here.</summary>
internal sealed class BitsUploadDirectories
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, UploadDirectory> _directories = new(StringComparer.Ordinal);

    public UploadDirectory Add(BitsVirtualDirectoryOptions options)
    {
        var errors = BitsVirtualDirectoryOptionsValidator.Validate(options).ToList();
        if (errors.Count > 0)
        {
            throw new OptionsValidationException(options.Path, typeof(BitsVirtualDirectoryOptions), errors);
        }

        var passwords = options.Authentication == BitsAuthentication.Basic ? BasicPasswordFile.Load(options.PasswordFile!) : null;
        var directory = new UploadDirectory(options, passwords);
        lock (_lock)
        {
            if (!_directories.TryAdd(options.Path, directory))
            {
                throw new InvalidOperationException($"The upload directory '{options.Path}' is mapped twice; map each path once.");
            }
        }

        return directory;
    }

    public UploadDirectory? Find(string path)
    {
        lock (_lock)
        {
            return _directories.GetValueOrDefault(path);
        }
    }

    public IReadOnlyList<UploadDirectory> All()
    {
        lock (_lock)
        {
            return [.. _directories.Values];
        }
    }
}
