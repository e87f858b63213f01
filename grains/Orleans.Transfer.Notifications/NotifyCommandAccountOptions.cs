namespace Orleans.Transfer.Notifications;

/// <summary>
/// The account notify commands of trusted services' jobs run as. Bound from <see cref="SectionName"/>, the section the
/// other security settings live in.
/// </summary>
public sealed class NotifyCommandAccountOptions
{
    /// <summary>The configuration section: <c>Transfer:Security</c>.</summary>
    public const string SectionName = "Transfer:Security";

    /// <summary>
    /// The local account (a user name) whose rights govern a job whose owner is neither <c>unix:&lt;uid&gt;</c> nor a
    /// local user name: the free-form owners trusted services create jobs for. Default null: such a job's notify
    /// command is not run. When set, a user name without ':' or '/'; that it exists is checked when a command runs.
    /// </summary>
    public string? TrustedServiceAccount { get; set; }
}
