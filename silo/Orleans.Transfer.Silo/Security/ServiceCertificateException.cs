namespace Orleans.Transfer.Silo.Security;

/// <summary>The service certificate cannot be created or used; the message names the file and what to do.</summary>
public sealed class ServiceCertificateException : Exception
{
    public ServiceCertificateException()
    {
    }

    public ServiceCertificateException(string message)
        : base(message)
    {
    }

    public ServiceCertificateException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
