namespace Orleans.Transfer.Uploads.Replies;

/// <summary>
/// What the server application answered: success (with its static reply URL and whether the upload is also to be
/// copied to its URL), or the status it failed with (a timeout or an unreachable application counts as 504/502, both
/// transient for the client).
/// </summary>
internal sealed record NotificationOutcome(int? FailedStatus, string? StaticUrl, bool CopyToDestination, string? Reason)
{
    public bool Succeeded => FailedStatus is null;

    public static NotificationOutcome Failed(int status, string reason) => new(status, null, false, reason);
}
