namespace Orleans.Transfer.Worker.Finishing;

/// <summary>
/// One finished file to move into place: its temporary file, its final name, and the last checkpoint's file when known
/// (see <see cref="IFileFinisher.MoveIntoPlaceAsync"/>).
/// </summary>
public readonly record struct FileMove(string TempPath, string LocalPath, FileIdentity? Expected);
