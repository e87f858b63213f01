namespace Orleans.Transfer.Uploads;

/// <summary>
/// The upload server's clock: the host's <see cref="TimeProvider"/> unless a test registers its own, which then fakes
/// only the server's time (session activity, the sweeper, the notification timeout), not Kestrel's or the host's.
/// </summary>
internal sealed class UploadClock(TimeProvider time)
{
    public TimeProvider Time => time;

    public DateTimeOffset Now => time.GetUtcNow();
}
