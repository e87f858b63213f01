namespace Orleans.Transfer.LocalApi.Endpoints;

/// <summary>How a refusal travels on the local API: the HTTP status of each <see cref="TransferErrorCode"/>, and its <see cref="ApiError"/> body.</summary>
public static class ApiErrors
{
    /// <summary>The message of every unexpected failure; the details go to the service log only.</summary>
    public const string InternalMessage = "internal error; see the service log";

    /// <summary>The answer to an unexpected failure.</summary>
    public static ApiError Internal { get; } = new(TransferErrorCode.Internal, InternalMessage, null);

    /// <summary>
    /// NotFound 404, AccessDenied 403, NotAuthenticated 401; conflicts with the job's state or another job 409; quotas
    /// 429; Internal 500; a pinned job whose host is away 503; every other code is a validation failure, 400.
    /// </summary>
    public static int StatusCodeFor(TransferErrorCode code) => code switch
    {
        TransferErrorCode.NotFound => 404,
        TransferErrorCode.AccessDenied => 403,
        TransferErrorCode.NotAuthenticated => 401,
        TransferErrorCode.InvalidState or TransferErrorCode.AlreadyExists or TransferErrorCode.DestinationInUse
            or TransferErrorCode.JobDamaged => 409,
        TransferErrorCode.TooManyJobs or TransferErrorCode.TooManyJobsPerOwner or TransferErrorCode.TooManyFiles => 429,
        TransferErrorCode.Internal => 500,
        TransferErrorCode.JobHostUnavailable => 503,
        _ => 400,
    };

    /// <summary>The body that carries <paramref name="exception"/> to the client, which rebuilds it from there.</summary>
    public static ApiError From(TransferJobException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return new ApiError(exception.Code, exception.Message, exception.Field);
    }
}
