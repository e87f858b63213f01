namespace Orleans.Transfer.LocalApi.Access;

/// <summary>
/// Who may do what (docs/contracts.md, "Local API"): a job is its owner's or an administrator's; administrators alone
/// see and act on other owners' jobs, take ownership, reset every owner, change the bandwidth policy and stop the
/// service. Anyone the front door authenticated may read the bandwidth policy and who they are. Every front door (the
/// local API, later the dashboard) asks this class, so the rules live in one place.
/// </summary>
public static class JobAccessPolicy
{
    /// <summary>
    /// Whether a job recorded under <paramref name="jobOwner"/> is the caller's: the owner id the front door
    /// established, or, for jobs created before owners were ids, the caller's account name.
    /// </summary>
    public static bool IsOwnJob(CallerInfo caller, string jobOwner)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return string.Equals(jobOwner, caller.Owner, StringComparison.Ordinal)
            || string.Equals(jobOwner, caller.Name, StringComparison.Ordinal);
    }

    /// <summary>Whether the caller may read and act on a job recorded under <paramref name="jobOwner"/>.</summary>
    public static bool MayUseJob(CallerInfo caller, string jobOwner) =>
        IsOwnJob(caller, jobOwner) || caller.IsAdministrator;

    /// <summary>Refuses a job that is neither the caller's nor open to them as an administrator.</summary>
    /// <exception cref="TransferJobException">AccessDenied, naming the job.</exception>
    public static void DemandJob(CallerInfo caller, Guid jobId, string jobOwner)
    {
        if (!MayUseJob(caller, jobOwner))
        {
            throw new TransferJobException(
                TransferErrorCode.AccessDenied,
                $"Job {jobId} belongs to another owner; only its owner or an administrator may see or change it.",
                "id");
        }
    }

    /// <summary>Refuses a caller who is not an administrator.</summary>
    /// <param name="caller">The caller.</param>
    /// <param name="action">What was refused, to finish "Only an administrator may ...", e.g. "stop the service".</param>
    /// <param name="field">The input that asked for it, or null.</param>
    /// <exception cref="TransferJobException">AccessDenied, saying what was refused.</exception>
    public static void DemandAdministrator(CallerInfo caller, string action, string? field = null)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!caller.IsAdministrator)
        {
            throw new TransferJobException(
                TransferErrorCode.AccessDenied,
                $"Only an administrator may {action}; {caller.Name} is not one.",
                field);
        }
    }

    /// <summary>Taking ownership of a job is for administrators (bitsadmin <c>/takeownership</c>), whoever owns it now.</summary>
    /// <exception cref="TransferJobException">AccessDenied.</exception>
    public static void DemandTakeOwnership(CallerInfo caller) => DemandAdministrator(caller, "take ownership of a job");

    /// <summary>Changing the bandwidth policy is for administrators; reading it is open to every caller.</summary>
    /// <exception cref="TransferJobException">AccessDenied.</exception>
    public static void DemandPolicyChange(CallerInfo caller) => DemandAdministrator(caller, "change the bandwidth policy");

    /// <summary>Stopping the service is for administrators.</summary>
    /// <exception cref="TransferJobException">AccessDenied.</exception>
    public static void DemandServiceStop(CallerInfo caller) => DemandAdministrator(caller, "stop the service");

    /// <summary>
    /// The listing the caller may have, as the catalog takes it: no owner and not <see cref="JobListQuery.AllOwners"/>
    /// means the caller's own jobs; every owner, or another owner, is for administrators.
    /// </summary>
    /// <exception cref="TransferJobException">AccessDenied for a listing beyond the caller's own jobs.</exception>
    public static JobListQuery ScopeListing(CallerInfo caller, JobListQuery query)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(query);
        if (query.AllOwners)
        {
            DemandAdministrator(caller, "list every owner's jobs", "allOwners");
            return query with { Owner = null, AllOwners = false };
        }

        if (query.Owner is null)
        {
            return query with { Owner = caller.Owner };
        }

        if (!IsOwnJob(caller, query.Owner))
        {
            DemandAdministrator(caller, "list another owner's jobs", "owner");
        }

        return query;
    }

    /// <summary>
    /// Whose jobs the service status counts: every owner's for an administrator (null), else the caller's own (their
    /// owner id, and their account name for jobs from before owners were ids).
    /// </summary>
    public static IReadOnlyList<string>? ScopeStatusCounts(CallerInfo caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (caller.IsAdministrator)
        {
            return null;
        }

        return caller.Name == caller.Owner ? [caller.Owner] : [caller.Owner, caller.Name];
    }

    /// <summary>
    /// The owners whose unfinished jobs a reset cancels: the caller's (their owner id, and their account name for jobs
    /// from before owners were ids), or, for <see cref="ResetRequest.AllOwners"/>, every owner (a single null).
    /// </summary>
    /// <exception cref="TransferJobException">AccessDenied for every owner's jobs and a caller who is not an administrator.</exception>
    public static IReadOnlyList<string?> ScopeReset(CallerInfo caller, ResetRequest request)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        if (request.AllOwners)
        {
            DemandAdministrator(caller, "reset every owner's jobs", "allOwners");
            return [null];
        }

        return caller.Name == caller.Owner ? [caller.Owner] : [caller.Owner, caller.Name];
    }
}
