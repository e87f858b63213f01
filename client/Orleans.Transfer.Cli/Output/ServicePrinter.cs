using System.Globalization;
using System.Text.Json;
using Orleans.Transfer.Cli.Output.Json;
using Orleans.Transfer.LocalApi;

namespace Orleans.Transfer.Cli.Output;

/// <summary>Prints <c>xfer service status</c>: a table for people, one JSON object for scripts.</summary>
internal static class ServicePrinter
{
    public static void WriteStatus(TextWriter writer, string address, ServiceStatus status, OutputFormat format)
    {
        if (format == OutputFormat.Json)
        {
            writer.WriteLine(JsonSerializer.Serialize(ServiceStatusJson.From(address, status), XferJsonContext.Default.ServiceStatusJson));
            return;
        }

        var fields = new TextTable("FIELD", "VALUE");
        fields.Add("Service", string.Create(CultureInfo.InvariantCulture, $"running (pid {status.ProcessId}, since {Formats.Time(status.StartedAt)})"));
        fields.Add("Version", status.Version);
        fields.Add("Store", status.Store);
        foreach (var listener in status.Listeners)
        {
            fields.Add($"Listening ({listener.Name})", listener.Address);
        }

        if (status.Cluster is { } cluster)
        {
            fields.Add("Cluster silo", cluster.Silo);
            fields.Add("Cluster policy", cluster.PolicyVersion is { } version ? $"version {version}" : "none set in the cluster (this silo's configuration)");
            fields.Add("Background cap", cluster.BackgroundLimit ?? "none");
            fields.Add("Background share", string.Create(
                CultureInfo.InvariantCulture,
                $"{cluster.BackgroundShare:P1} of the cap ({cluster.BackgroundDemand} background jobs transferring; reported {Formats.Time(cluster.ReportedAt)})"));
        }

        fields.Add("Jobs", status.AllOwners ? "every owner's" : "yours");
        fields.WriteTo(writer);
        writer.WriteLine();
        var jobs = new TextTable("STATE", "JOBS");
        foreach (var count in status.Jobs)
        {
            jobs.Add(count.State.ToString(), count.Count.ToString(CultureInfo.InvariantCulture));
        }

        jobs.Add("Total", status.Jobs.Sum(j => j.Count).ToString(CultureInfo.InvariantCulture));
        jobs.WriteTo(writer);
    }

    /// <summary>For scripts, the JSON object that says so on stdout; people get the message on stderr either way.</summary>
    public static void WriteNotRunning(TextWriter output, TextWriter error, string address, OutputFormat format)
    {
        if (format == OutputFormat.Json)
        {
            output.WriteLine(JsonSerializer.Serialize(ServiceStatusJson.NotRunning(address), XferJsonContext.Default.ServiceStatusJson));
        }

        error.WriteLine($"The transfer service is not running at {TerminalText.Safe(address)} (it was not started).");
    }
}
