using System.ComponentModel;
using System.IO.Pipes;
using System.Runtime.Versioning;
using System.Security.Principal;
using Orleans.Transfer.Client.Native;

namespace Orleans.Transfer.Client.Connection;

/// <summary>
/// Reads the pipe server's process id and the pipe's owner. Both work for an unprivileged client: the owner comes
/// from the client's own handle (READ_CONTROL is part of GENERIC_READ), while the server process's token could only
/// be opened by an administrator.
/// </summary>
[SupportedOSPlatform("windows")]
internal sealed class Win32PipeServerInspector : IPipeServerInspector
{
    public PipeServerIdentity Inspect(NamedPipeClientStream pipe)
    {
        if (!Kernel32.GetNamedPipeServerProcessId(pipe.SafePipeHandle, out var processId))
        {
            throw new Win32Exception();
        }

        var owner = pipe.GetAccessControl().GetOwner(typeof(SecurityIdentifier))
            ?? throw new InvalidOperationException("the pipe's security descriptor names no owner");
        return new PipeServerIdentity(processId, owner.Value);
    }
}
