namespace Orleans.Transfer.Storage.Catalog;

/// <summary>
/// A catalog scan read in keyset pages: the first page's statement, and the next pages' one, which starts after the
/// previous page's last key. Each is one range of one index, in the index's order, stopping after @Take rows.
/// Rows are (Id, At) for a scan by (time, id) and (Id) for a scan by id; a row whose Keep is 0 only moves the page on.
/// </summary>
internal sealed record KeysetScan(string First, string Next, bool ByTime)
{
    /// <summary>Jobs whose recorded state is active, by (created, id): ix_transfer_job_active_created.</summary>
    public static readonly KeysetScan Active = JobsByTime($"state IN ({CatalogStates.Active})", "created");

    /// <summary>
    /// Transferred jobs the service completes itself, by (created, id): ix_transfer_job_completing_created. Few: a crash
    /// between a job's Transferred and Acknowledged writes leaves one (a failed completion is written with the flag 0).
    /// </summary>
    public static readonly KeysetScan Completing =
        JobsByTime($"state = {CatalogStates.Transferred} AND complete_when_transferred = 1", "created");

    /// <summary>
    /// Active jobs last activated on the silo @Silo and pinned to no host, by (created, id):
    /// ix_transfer_job_active_silo_created. A pinned job waits for its host's silo instead (docs/cluster.md).
    /// </summary>
    public static readonly KeysetScan ActiveOnSilo =
        JobsByTime($"state IN ({CatalogStates.Active}) AND silo = @Silo AND pinned_host IS NULL", "created");

    /// <summary>
    /// Active jobs whose silo is none of @S0..@S{count-1}, or not recorded, by (created, id): ix_transfer_job_active_created.
    /// The names are spelled out (Dapper would send a list to Npgsql as one array, which IN does not take).
    /// </summary>
    public static KeysetScan ActiveNotOnSilos(int count) => count == 0
        ? Active
        : JobsByTime(
            $"state IN ({CatalogStates.Active}) AND (silo IS NULL OR silo NOT IN ({string.Join(", ", Enumerable.Range(0, count).Select(i => $"@S{i}"))}))",
            "created");

    /// <summary>Unfinished jobs last modified before @Before, by (modified, id): ix_transfer_job_unfinished_modified.</summary>
    public static readonly KeysetScan UnfinishedModifiedBefore =
        JobsByTime($"state NOT IN ({CatalogStates.Final}) AND modified < @Before", "modified");

    /// <summary>Final jobs last modified before @Before, by (modified, id): ix_transfer_job_final_modified.</summary>
    public static readonly KeysetScan FinalModifiedBefore =
        JobsByTime($"state IN ({CatalogStates.Final}) AND modified < @Before", "modified");

    /// <summary>Reservations made before @Before, by job id: the reservation table's key.</summary>
    public static readonly KeysetScan ReservedBefore = ById(
        "SELECT job_id AS Id FROM transfer_job_reservation WHERE reserved_at < @Before {0} ORDER BY job_id LIMIT @Take",
        "AND job_id > @AfterId");

    /// <summary>
    /// Ids that claim destinations without a catalog row, by job id: a page of the distinct ids in
    /// ix_transfer_destination_job, each looked up by the job's key, and kept (Keep) when it has no row. Planners
    /// answer an anti-join (NOT EXISTS) by reading both tables whole, expecting few results; a scalar subquery is one
    /// key lookup per id.
    /// </summary>
    public static readonly KeysetScan ClaimsWithoutJob = ById(
        """
        SELECT page.job_id AS Id,
               CASE WHEN (SELECT transfer_job.id FROM transfer_job WHERE transfer_job.id = page.job_id) IS NULL THEN 1 ELSE 0 END AS Keep
        FROM (SELECT DISTINCT job_id FROM transfer_destination {0} ORDER BY job_id LIMIT @Take) AS page
        ORDER BY page.job_id
        """,
        "WHERE job_id > @AfterId");

    private static KeysetScan JobsByTime(string where, string key)
    {
        var template = $"SELECT id AS Id, {key} AS At FROM transfer_job WHERE {where} {{0}} ORDER BY {key}, id LIMIT @Take";
        return new(
            string.Format(System.Globalization.CultureInfo.InvariantCulture, template, ""),
            string.Format(System.Globalization.CultureInfo.InvariantCulture, template, $"AND ({key}, id) > (@AfterAt, @AfterId)"),
            ByTime: true);
    }

    private static KeysetScan ById(string template, string after) => new(
        string.Format(System.Globalization.CultureInfo.InvariantCulture, template, ""),
        string.Format(System.Globalization.CultureInfo.InvariantCulture, template, after),
        ByTime: false);
}
