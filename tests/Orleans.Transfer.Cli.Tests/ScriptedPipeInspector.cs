using System.IO.Pipes;
using Orleans.Transfer.Client.Connection;

namespace Orleans.Transfer.Cli.Tests;

/// <summary>Says who serves a pipe, as a test scripts it: the Windows reading cannot run here, the decision can.</summary>
internal sealed class ScriptedPipeInspector(Func<PipeServerIdentity> inspect) : IPipeServerInspector
{
    public PipeServerIdentity Inspect(NamedPipeClientStream pipe) => inspect();
}
