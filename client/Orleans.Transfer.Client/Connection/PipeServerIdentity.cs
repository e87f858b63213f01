namespace Orleans.Transfer.Client.Connection;

/// <summary>Who serves a named pipe, as far as an unprivileged client can tell.</summary>
/// <param name="ProcessId">The server process (<c>GetNamedPipeServerProcessId</c>).</param>
/// <param name="OwnerSid">The owner of the pipe's security descriptor: the account that created the pipe.</param>
internal sealed record PipeServerIdentity(uint ProcessId, string OwnerSid);
