namespace Orleans.Transfer.Silo.Security;

/// <summary>Whether the Orleans endpoints (gateway and silo-to-silo) require mutual TLS.</summary>
public enum OrleansTlsMode
{
    /// <summary>
    /// On when the silo runs privileged (root on Linux; a Windows service or an Administrator on Windows), because
    /// then any local caller reaching the gateway could act with the service's rights; off otherwise.
    /// </summary>
    Auto = 0,

    /// <summary>Always require mutual TLS.</summary>
    On = 1,

    /// <summary>Never use TLS: any caller that reaches the ports is trusted.</summary>
    Off = 2,
}
