using System.CommandLine;

namespace Orleans.Transfer.Cli.Commands;

/// <summary>The <c>xfer</c> command tree.</summary>
internal sealed class XferRootCommand : RootCommand
{
    public XferRootCommand(CliContext context)
        : base("xfer: durable, resumable background file transfers (a BITS-like service on Orleans).")
    {
        Add(new TransferCommand(context));
        Add(new UploadCommand(context));
        Add(new UploadUserCommand(context));
        Add(new JobCommand(context));
        Add(new PolicyCommand(context));
        Add(new ServiceCommand(context));
        Add(new WhoamiCommand(context));
        Add(new DashboardCommand(context));
    }
}
