using System.IO.Pipes;

namespace Orleans.Transfer.Client.Connection;

/// <summary>Reads who serves a connected pipe; separate from the decision so the decision can be tested anywhere.</summary>
internal interface IPipeServerInspector
{
    /// <summary>The server of <paramref name="pipe"/>; throws when it cannot be read (the client then refuses it).</summary>
    PipeServerIdentity Inspect(NamedPipeClientStream pipe);
}
