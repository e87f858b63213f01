namespace Orleans.Transfer;

/// <summary>Properties of a new job.</summary>
/// <param name="DisplayName">Required, at most 256 characters; need not be unique.</param>
/// <param name="Description">At most 1,024 characters.</param>
/// <param name="Type">Only <see cref="JobType.Download"/> is supported today.</param>
/// <param name="Priority">Default <see cref="JobPriority.Normal"/>.</param>
/// <param name="Owner">The user the job belongs to.</param>
[GenerateSerializer, Immutable, Alias("Orleans.Transfer.CreateJobRequest")]
public sealed record CreateJobRequest(
    string DisplayName,
    string? Description,
    JobType Type,
    JobPriority Priority,
    string Owner);
