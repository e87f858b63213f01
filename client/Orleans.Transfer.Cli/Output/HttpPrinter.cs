using System.Globalization;
using Orleans.Transfer.Http;

namespace Orleans.Transfer.Cli.Output;

/// <summary>
/// The HTTP options of <c>job info</c> in text: only those that differ from the defaults. <see cref="JobHttpInfo"/> holds
/// no secret; credentials show as target, scheme and user, headers by name.
/// </summary>
internal static class HttpPrinter
{
    public static void AddOptions(TextTable fields, JobHttpInfo http)
    {
        foreach (var credential in http.Credentials)
        {
            fields.Add("Credentials", $"{HttpText.Credential(credential.Target, credential.Scheme)} {credential.UserName}");
        }

        if (http.CustomHeaderNames.Count > 0)
        {
            fields.Add("Custom headers", string.Join(", ", http.CustomHeaderNames));
        }

        if (http.Proxy.Usage != ProxyUsage.System)
        {
            fields.Add("Proxy", Proxy(http.Proxy));
        }

        if (http.Redirects != RedirectPolicy.Allow)
        {
            fields.Add("Redirects", HttpText.Name(http.Redirects));
        }

        if (http.IgnoreCertificateErrors != CertificateErrors.None)
        {
            fields.Add("Ignore cert errors", HttpText.CertificateErrors(http.IgnoreCertificateErrors));
        }

        if (http.CheckRevocation)
        {
            fields.Add("Check revocation", "yes");
        }

        if (http.DynamicContent)
        {
            fields.Add("Dynamic content", "yes");
        }

        if (http.MaxDownloadBytes is { } maxSize)
        {
            fields.Add("Max size", Formats.Bytes(maxSize));
        }

        if (http.Segments is { } segments)
        {
            fields.Add("Segments", segments == 1 ? "1 (one connection per file)" : segments.ToString(CultureInfo.InvariantCulture));
        }

        if (http.ClientCertificate is { } certificate)
        {
            fields.Add("Client certificate", string.Create(
                CultureInfo.InvariantCulture,
                $"{certificate.Subject}, thumbprint {certificate.Thumbprint}, expires {Formats.Time(certificate.NotAfter)}, from {certificate.Origin}"));
        }
    }

    /// <summary>Where the servers redirected files (redirect policy report), one line each.</summary>
    public static void WriteFinalUrls(TextWriter writer, IReadOnlyList<JobFileInfo> files)
    {
        for (var i = 0; i < files.Count; i++)
        {
            if (files[i].FinalUrl is { } finalUrl)
            {
                writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"file {i} redirected to {TerminalText.Safe(finalUrl)}"));
            }
        }
    }

    private static string Proxy(ProxySettings proxy)
    {
        var text = HttpText.Name(proxy.Usage);
        if (proxy.Proxies is { Count: > 0 } proxies)
        {
            text += " via " + string.Join(' ', proxies);
        }

        if (proxy.Bypass is { Count: > 0 } bypass)
        {
            text += ", bypass " + string.Join(' ', bypass);
        }

        return text;
    }
}
