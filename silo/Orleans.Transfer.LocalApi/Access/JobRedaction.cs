namespace Orleans.Transfer.LocalApi.Access;

/// <summary>
/// Credentials in a URL (user info) and signed query strings are the owner's: an administrator who reads another
/// owner's job sees its source, final (redirected) and webhook URLs as logs show them (<see cref="SafeUrl"/>: no user
/// info, the query as "?…"). The owner sees them whole. URLs with nothing to hide are shown as they are.
/// <see cref="JobInfo.Http"/> holds no secret (user names and header names only), so it is shown as it is.
/// </summary>
public static class JobRedaction
{
    /// <summary>The job as <paramref name="caller"/> may see it.</summary>
    /// <param name="caller">Who asks.</param>
    /// <param name="info">The job.</param>
    public static JobInfo ForCaller(CallerInfo caller, JobInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        if (JobAccessPolicy.IsOwnJob(caller, info.Owner))
        {
            return info;
        }

        return info with
        {
            Files = [.. info.Files.Select(Redact)],
            Notifications = info.Notifications is { WebhookUrl: { } webhook } settings
                ? settings with { WebhookUrl = Redact(webhook) }
                : info.Notifications,
        };
    }

    /// <summary>A page of the files of a job recorded under <paramref name="owner"/>, as <paramref name="caller"/> may see it.</summary>
    /// <param name="caller">Who asks.</param>
    /// <param name="owner">The job's owner.</param>
    /// <param name="page">The files.</param>
    public static JobFilePage ForCaller(CallerInfo caller, string owner, JobFilePage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return JobAccessPolicy.IsOwnJob(caller, owner) ? page : page with { Files = [.. page.Files.Select(Redact)] };
    }

    private static JobFileInfo Redact(JobFileInfo file) => file with
    {
        RemoteUrl = Redact(file.RemoteUrl),
        FinalUrl = file.FinalUrl is { } final ? Redact(final) : null,
    };

    /// <summary>A URL with user info, a query or a fragment loses them; any other text stays as it is.</summary>
    private static string Redact(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.IsFile
            || (uri.UserInfo.Length == 0 && uri.Query.Length == 0 && uri.Fragment.Length == 0))
        {
            return url;
        }

        return uri.Scheme is "http" or "https" ? SafeUrl.ForDisplay(uri) : SafeUrl.ForDisplay(url);
    }
}
