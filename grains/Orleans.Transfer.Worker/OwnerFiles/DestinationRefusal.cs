namespace Orleans.Transfer.Worker.OwnerFiles;

/// <summary>
/// The first local path of a request the owner cannot use (<see cref="IOwnerFileSystem.CheckDestinationsAsync"/>): its
/// index and why, as InvalidLocalPath (an existing directory), DestinationNotFound or DestinationNotWritable.
/// </summary>
internal readonly record struct DestinationRefusal(int Index, TransferErrorCode Code);
