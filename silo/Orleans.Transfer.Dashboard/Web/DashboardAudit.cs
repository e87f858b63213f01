using Microsoft.Extensions.Logging;

namespace Orleans.Transfer.Dashboard.Web;

/// <summary>What users changed through the dashboard, in the service log under their name, as the console's changes are.</summary>
internal sealed partial class DashboardAudit(ILogger<DashboardAudit> logger)
{
    public void JobAction(string user, string action, Guid jobId) => LogJobAction(logger, user, action, jobId);

    public void PolicyChanged(string user) => LogPolicyChanged(logger, user);

    public void LoginRefused() => LogLoginRefused(logger);
}
