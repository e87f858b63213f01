namespace Orleans.Transfer.Grains.Jobs;

/// <summary>What a failed transfer does to its job.</summary>
internal enum RetryOutcome
{
    /// <summary>B21, B42a: a bandwidth window is closed; TransientError until it opens, not an error of the job.</summary>
    BlockedByPolicy,

    /// <summary>B19: the network is lost; TransientError with no retry time until it returns, uncounted.</summary>
    WaitForNetwork,

    /// <summary>B84: the network's cost is one the job's policy does not allow; TransientError with no retry time, uncounted.</summary>
    WaitForCost,

    /// <summary>B20, B39–B41: TransientError, retried at <see cref="RetryDecision.NextRetryAt"/>.</summary>
    TransientError,

    /// <summary>B22, B23: Error; only the owner's Resume continues it.</summary>
    Error,
}
