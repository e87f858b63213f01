namespace Orleans.Transfer.Storage.Catalog;

/// <summary>
/// Job states as literals in the catalog's SQL. Written into the text rather than bound, because a partial index
/// (Sql/*/04-job-catalog.sql) serves only queries whose conditions match its predicate as written: "(7, 8)" there and here.
/// </summary>
internal static class CatalogStates
{
    /// <summary>Acknowledged and Cancelled.</summary>
    public static readonly string Final = List(JobState.Acknowledged, JobState.Cancelled);

    /// <summary>Queued, Connecting, Transferring and TransientError: the states a restart resumes.</summary>
    public static readonly string Active = List(JobState.Queued, JobState.Connecting, JobState.Transferring, JobState.TransientError);

    /// <summary>Transferred: with the property, a state the service leaves by itself (the start-up wakes such jobs).</summary>
    public static readonly string Transferred = List(JobState.Transferred);

    private static string List(params JobState[] states) => string.Join(", ", states.Select(s => ((int)s).ToString(System.Globalization.CultureInfo.InvariantCulture)));
}
