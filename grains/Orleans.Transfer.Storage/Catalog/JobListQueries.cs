namespace Orleans.Transfer.Storage.Catalog;

/// <summary>Checks a listing query before it reaches the database; failures are InvalidArgument naming the field.</summary>
internal static class JobListQueries
{
    /// <summary>The query's page size, with 0 meaning the default.</summary>
    public static int PageSize(JobListQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.PageSize is < 0 or > JobLimits.MaxListPageSize)
        {
            throw new TransferJobException(
                TransferErrorCode.InvalidArgument,
                $"pageSize is {query.PageSize}; use 1 to {JobLimits.MaxListPageSize}, or 0 for the default ({JobLimits.DefaultListPageSize}).",
                "pageSize");
        }

        if (query.States?.Where(s => !Enum.IsDefined(s)).Select(s => (JobState?)s).FirstOrDefault() is { } state)
        {
            throw new TransferJobException(TransferErrorCode.InvalidArgument, $"states contains {(int)state}, which is not a job state.", "states");
        }

        if (query.Priority is { } priority && !Enum.IsDefined(priority))
        {
            throw new TransferJobException(TransferErrorCode.InvalidArgument, $"priority {(int)priority} is not a priority.", "priority");
        }

        return query.PageSize == 0 ? JobLimits.DefaultListPageSize : query.PageSize;
    }
}
