namespace Orleans.Transfer.Cli.Service;

/// <summary>The transfer service could not be reached or started; maps to <see cref="ExitCodes.ServiceUnavailable"/>.</summary>
internal sealed class ServiceUnavailableException(string message, Exception? innerException = null)
    : Exception(message, innerException);
