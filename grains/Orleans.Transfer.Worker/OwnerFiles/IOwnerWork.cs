using Orleans.Transfer.Platform.Unix;

namespace Orleans.Transfer.Worker.OwnerFiles;

/// <summary>A queued owner operation, whatever its result type.</summary>
internal interface IOwnerWork
{
    UnixCredentials Credentials { get; }

    /// <summary>True when the caller stopped waiting before the operation ran.</summary>
    bool IsAbandoned { get; }

    void Run();

    void Fail(Exception exception);
}
