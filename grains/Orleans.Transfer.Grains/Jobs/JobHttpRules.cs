using Orleans.Transfer.Grains.State;
using Orleans.Transfer.Http;

namespace Orleans.Transfer.Grains.Jobs;

/// <summary>
/// The rules that tie a job's HTTP options to each other and to its files, beyond what each input's own Validate checks.
/// Each throws <see cref="TransferJobException"/> naming the field, before anything changes.
/// </summary>
internal static class JobHttpRules
{
    /// <summary>AUTODETECT needs a WPAD client, which only Windows has.</summary>
    public static void CheckProxy(ProxySettings? proxy)
    {
        if (proxy?.Usage == ProxyUsage.AutoDetect && !OperatingSystem.IsWindows())
        {
            throw new TransferJobException(
                TransferErrorCode.InvalidProxy,
                "proxy.usage autodetect (WPAD) is offered on Windows only: this platform has no WPAD client. Use system, none, or override with a proxy list.",
                "proxy.usage");
        }
    }

    /// <summary>Dynamic content is fetched whole, without Range requests (B66): no file of the job may ask for ranges.</summary>
    public static void CheckDynamicContent(IReadOnlyList<JobFileState> files)
    {
        if (IndexOfRanged(files) is var index and >= 0)
        {
            throw new TransferJobException(
                TransferErrorCode.InvalidArgument,
                $"http.dynamicContent cannot be set: files[{index}] asks for byte ranges, and dynamic content is fetched whole without Range requests. Use another job for ranged files.",
                "http.dynamicContent");
        }
    }

    /// <summary>Files added to a dynamic-content job may not ask for ranges.</summary>
    public static void CheckRanges(JobHttpState? http, IReadOnlyList<JobFileState> files)
    {
        if (http is { DynamicContent: true } && IndexOfRanged(files) is var index and >= 0)
        {
            throw new TransferJobException(
                TransferErrorCode.InvalidArgument,
                $"files[{index}].ranges cannot be given: the job is dynamic content, fetched whole without Range requests. Leave the ranges out or use another job.",
                $"files[{index}].ranges");
        }
    }

    /// <summary>
    /// A custom Authorization header and server credentials would both set it. (Proxy-Authorization is a transport
    /// header, refused by <see cref="HttpOptionsUpdate.Validate"/>.)
    /// </summary>
    public static void CheckHeaders(IReadOnlyList<string> headers, IEnumerable<AuthTarget> credentialTargets)
    {
        if (!credentialTargets.Contains(AuthTarget.Server))
        {
            return;
        }

        for (var i = 0; i < headers.Count; i++)
        {
            HttpOptionsUpdate.TrySplitHeader(headers[i], out var name, out _);
            if (IsAuthorization(name))
            {
                throw new TransferJobException(
                    TransferErrorCode.InvalidArgument,
                    $"http.customHeaders[{i}] sets {name}, which the job's server credentials set; remove those credentials first or leave the header out.",
                    $"http.customHeaders[{i}]");
            }
        }
    }

    /// <summary>The other side of <see cref="CheckHeaders"/>: credentials for a target whose header is set by hand.</summary>
    public static void CheckCredential(AuthTarget target, IEnumerable<string> headerNames, string field)
    {
        if (target == AuthTarget.Server && headerNames.FirstOrDefault(IsAuthorization) is { } name)
        {
            throw new TransferJobException(
                TransferErrorCode.InvalidArgument,
                $"{field}: the job has a custom {name} header, which {target.ToString().ToLowerInvariant()} credentials would set; clear the custom headers first or leave the credentials out.",
                field);
        }
    }

    private static int IndexOfRanged(IReadOnlyList<JobFileState> files)
    {
        for (var i = 0; i < files.Count; i++)
        {
            if (files[i].Ranges.Count > 0)
            {
                return i;
            }
        }

        return -1;
    }

    private static bool IsAuthorization(string headerName) => string.Equals(headerName, "Authorization", StringComparison.OrdinalIgnoreCase);
}
