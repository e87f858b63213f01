namespace Orleans.Transfer.Worker;

/// <summary>The temp file was deleted or changed by someone else: the file restarts from zero in a new temp file.</summary>
internal sealed class TempFileLostException(string reason) : Exception(reason);
