using System.Globalization;
using System.Text.Json;
using Orleans.Transfer.Cli.Output.Json;
using Orleans.Transfer.Client;
using Orleans.Transfer.LocalApi;
using Orleans.Transfer.Yield;

namespace Orleans.Transfer.Cli.Output;

/// <summary>Prints jobs as tables for people or as JSON for scripts.</summary>
internal static class JobPrinter
{
    public static void WriteJob(TextWriter writer, JobInfo job, OutputFormat format)
    {
        if (format == OutputFormat.Json)
        {
            writer.WriteLine(JsonSerializer.Serialize(JobJson.From(job), XferJsonContext.Default.JobJson));
            return;
        }

        var fields = new TextTable("FIELD", "VALUE");
        fields.Add("Id", job.Id.ToString());
        fields.Add("Display name", job.DisplayName);
        fields.Add("Description", job.Description);
        fields.Add("Type", job.Type.ToString());
        fields.Add("State", job.State.ToString());
        fields.Add("Priority", job.Priority.ToString());
        fields.Add("Owner", OwnerNames.Describe(job.Owner));
        fields.Add("Progress", $"{Formats.Progress(job.Progress)} ({Formats.Percent(job.Progress)}), files {Formats.Files(job.Progress)}");
        if (job.Reply is { } reply)
        {
            var size = reply.BytesTotal is { } total ? Formats.Bytes(total) : "?";
            fields.Add("Reply", $"{Formats.Bytes(reply.BytesTransferred)}/{size}{(reply.IsComplete ? " (complete)" : "")}");
            fields.Add("Reply file", reply.Path);
        }

        fields.Add("Errors", job.ErrorCount.ToString(CultureInfo.InvariantCulture));
        fields.Add("Min retry delay", Formats.Seconds(job.MinimumRetryDelay));
        fields.Add("No-progress timeout", Formats.Seconds(job.NoProgressTimeout));
        fields.Add("Max download time", Formats.Seconds(job.MaxDownloadTime));
        if (job.MaxBytesPerSecond is { } rate)
        {
            fields.Add("Max rate", Formats.Rate(rate));
        }

        if (job.CostPolicy is { } policy)
        {
            fields.Add("Cost policy", $"{TransferPolicy.Name(policy)}{(job.CostPolicyIsDefault ? " (service default)" : "")}");
        }

        if (job.CompleteWhenTransferred)
        {
            fields.Add("Complete when transferred", "yes (the service completes the job itself)");
        }

        if (job.Silo is { } silo)
        {
            fields.Add("Silo", silo);
        }

        if (job.Yield is { } yielding)
        {
            fields.Add("Yield", YieldText(yielding));
        }

        if (job.NextRetryAt is { } retry)
        {
            fields.Add("Next retry", Formats.Time(retry));
        }

        if (job.Notifications is { } notifications)
        {
            AddNotifications(fields, notifications);
        }

        if (job.Http is { } http)
        {
            HttpPrinter.AddOptions(fields, http);
        }

        fields.Add("Created", Formats.Time(job.Times.Created));
        fields.Add("Modified", Formats.Time(job.Times.Modified));
        fields.Add("Transfer completed", Formats.Time(job.Times.TransferCompleted));
        fields.WriteTo(writer);

        if (job.Error is { } error)
        {
            writer.WriteLine();
            WriteError(writer, job.Id, error);
        }

        writer.WriteLine();
        var files = new TextTable("#", "BYTES", "DONE", "REMOTE URL", "LOCAL PATH");
        for (var i = 0; i < job.Files.Count; i++)
        {
            var file = job.Files[i];
            var size = file.BytesTotal is { } total ? $"{file.BytesTransferred}/{total}" : $"{file.BytesTransferred}/?";
            files.Add(i.ToString(CultureInfo.InvariantCulture), size, file.Completed ? "yes" : "no", file.RemoteUrl, file.LocalPath);
        }

        files.WriteTo(writer);
        HttpPrinter.WriteFinalUrls(writer, job.Files);
        WriteDigests(writer, job.Files);
    }

    /// <summary>One line per file with an expected digest: which, and whether the downloaded bytes matched it.</summary>
    private static void WriteDigests(TextWriter writer, IReadOnlyList<JobFileInfo> files)
    {
        for (var i = 0; i < files.Count; i++)
        {
            if (files[i].Digest is { } digest)
            {
                var state = digest.Verified ? "verified" : "not verified yet";
                writer.WriteLine(string.Create(
                    CultureInfo.InvariantCulture, $"file {i} {ContentDigest.NameOf(digest.Algorithm)} {digest.Expected}: {state}"));
            }
        }
    }

    public static void WriteList(TextWriter writer, IReadOnlyList<JobSummary> jobs, OutputFormat format)
    {
        if (format == OutputFormat.Json)
        {
            IReadOnlyList<SummaryJson> items = [.. jobs.Select(SummaryJson.From)];
            writer.WriteLine(JsonSerializer.Serialize(items, XferJsonContext.Default.IReadOnlyListSummaryJson));
            return;
        }

        // A page often repeats one owner: look each up once.
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        var table = new TextTable("ID", "STATE", "PRIORITY", "BYTES", "FILES", "OWNER", "CREATED", "NAME");
        foreach (var job in jobs)
        {
            if (!owners.TryGetValue(job.Owner, out var owner))
            {
                owners[job.Owner] = owner = OwnerNames.Describe(job.Owner);
            }

            table.Add(
                job.Id.ToString(),
                job.State.ToString(),
                job.Priority.ToString(),
                Formats.Progress(job.Progress),
                Formats.Files(job.Progress),
                owner,
                Formats.Time(job.Created),
                job.DisplayName);
        }

        table.WriteTo(writer);
    }

    public static void WritePolicy(TextWriter writer, BandwidthPolicySpec policy, NetworkCost? cost, OutputFormat format)
    {
        if (format == OutputFormat.Json)
        {
            writer.WriteLine(JsonSerializer.Serialize(PolicyJson.From(policy, cost), XferJsonContext.Default.PolicyJson));
            return;
        }

        var fields = new TextTable("CAP", "VALUE");
        fields.Add("Background", policy.BackgroundLimit ?? "off");
        fields.Add("Timetable", policy.Timetable ?? "-");
        fields.Add("High", policy.HighLimit ?? "off");
        fields.Add("Normal", policy.NormalLimit ?? "off");
        fields.Add("Low", policy.LowLimit ?? "off");
        fields.WriteTo(writer);
        if (cost is not null)
        {
            writer.WriteLine($"Network cost: {cost.State} (source {TerminalText.Safe(cost.Source)}: {TerminalText.Safe(cost.Detail)})");
        }
    }

    public static void WriteCaller(TextWriter writer, CallerInfo caller, OutputFormat format)
    {
        if (format == OutputFormat.Json)
        {
            writer.WriteLine(JsonSerializer.Serialize(CallerJson.From(caller), XferJsonContext.Default.CallerJson));
            return;
        }

        var fields = new TextTable("FIELD", "VALUE");
        fields.Add("Owner", caller.Owner);
        fields.Add("Name", caller.Name);
        fields.Add("Administrator", caller.IsAdministrator ? "yes" : "no");
        fields.WriteTo(writer);
    }

    /// <summary>Everything a person needs to act on a job error: code, context, HTTP status, file and message.</summary>
    public static void WriteError(TextWriter writer, Guid jobId, JobError error)
    {
        var status = error.HttpStatus is { } http ? $", HTTP {http}" : string.Empty;
        writer.WriteLine($"error {error.Code} ({error.Context}{status}) on file {error.FileIndex} of job {jobId}: {TerminalText.Safe(error.Message)}");
    }

    private static void AddNotifications(TextTable fields, NotificationSettings notifications)
    {
        if (notifications.CommandProgram is { } program)
        {
            var arguments = notifications.CommandArguments ?? [];
            fields.Add("Notify command", string.Join(' ', arguments.Prepend(program).Select(Quote)));
        }

        if (notifications.WebhookUrl is { } url)
        {
            fields.Add("Notify webhook", notifications.WebhookSecret is null ? url : $"{url} (signed)");
        }

        fields.Add("Notify flags", notifications.Flags.ToString());
    }

    /// <summary><c>yielding, window 12.0 KiB, rate 1.2 MiB/s, via eth0 (tcp-timestamps)</c>; no rate when none is set.</summary>
    private static string YieldText(JobYieldInfo status)
    {
        var rate = status.RateBytesPerSecond is { } bytesPerSecond ? $", rate {Formats.Speed(bytesPerSecond)}" : "";
        return $"{(status.Yielding ? "yielding" : "full speed")}, window {Formats.Bytes(status.WindowBytes)}{rate}, via {status.Interface} ({status.DelaySignal})";
    }

    private static string Quote(string argument) =>
        argument.Length > 0 && !argument.Any(c => char.IsWhiteSpace(c) || c == '"') ? argument : $"\"{argument.Replace("\"", "\\\"", StringComparison.Ordinal)}\"";
}
