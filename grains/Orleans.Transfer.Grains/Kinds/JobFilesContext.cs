namespace Orleans.Transfer.Grains.Kinds;

/// <summary>The job that files are added to, as a kind needs to know it.</summary>
/// <param name="ExistingFiles">How many files the job has already (none when it is being created).</param>
/// <param name="ReplyPath">The job's reply path as <see cref="IJobKind.PrepareReplyPath"/> stored it, or null.</param>
public sealed record JobFilesContext(int ExistingFiles, string? ReplyPath);
