using System.Management.Automation;

namespace Orleans.Transfer.PowerShell.Commands;

/// <summary>
/// <c>Get-XferTransfer</c> (Get-BitsTransfer): the caller's unfinished jobs from the service's catalog, every owner's
/// with <c>-AllUsers</c> (administrators), filtered by <c>-Name</c> (wildcards); or whole jobs by <c>-JobId</c>, which
/// also finds Acknowledged and Cancelled jobs while the service keeps them.
/// </summary>
[Cmdlet(VerbsCommon.Get, "XferTransfer", DefaultParameterSetName = ByName)]
[OutputType(typeof(XferJob))]
public sealed class GetXferTransferCommand : XferCmdlet
{
    private const string ByName = "Name";
    private const string ById = "Id";

    /// <summary>Display names to match, with wildcards; all jobs when left out.</summary>
    [Parameter(Position = 0, ParameterSetName = ByName)]
    [SupportsWildcards]
    public string[]? Name { get; set; }

    /// <summary>Every owner's jobs (administrators; others are refused with AccessDenied).</summary>
    [Parameter(ParameterSetName = ByName)]
    public SwitchParameter AllUsers { get; set; }

    /// <summary>Jobs by id, read whole (files, error, settings).</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = ById)]
    [System.Management.Automation.Alias("Id")]
    public Guid[] JobId { get; set; } = [];

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        if (ParameterSetName == ById)
        {
            foreach (var id in JobId)
            {
                if (TryCall(token => Client.GetAsync(id, token), id, out var job))
                {
                    WriteObject(new XferJob(job));
                }
            }

            return;
        }

        var patterns = (Name ?? []).Select(name => WildcardPattern.Get(name, WildcardOptions.IgnoreCase)).ToList();
        var query = new JobListQuery(Owner: null, IncludeFinal: false, PageSize: JobLimits.MaxListPageSize, AllOwners: AllUsers);
        while (TryCall(token => Client.ListPageAsync(query, token), null, out var page))
        {
            foreach (var job in page.Jobs.Where(job => patterns.Count == 0 || patterns.Any(p => p.IsMatch(job.DisplayName))))
            {
                WriteObject(new XferJob(job));
            }

            if (page.ContinuationToken is null)
            {
                return;
            }

            query = query with { ContinuationToken = page.ContinuationToken };
        }
    }
}
