using System.Text.Json;
using Orleans.Transfer.Http;

namespace Orleans.Transfer.Grains.State;

/// <summary>
/// What makes a stored job unusable beyond what System.Text.Json rejects (numbers that are no member of their enum,
/// missing lists), and what a damaged job keeps: whatever of its identity can still be read, so that its owner can see
/// and cancel it. Only names the member at fault, never its content.
/// </summary>
internal static class StoredJobCheck
{
    private const JobEventKind AllEvents =
        JobEventKind.JobTransferred | JobEventKind.JobError | JobEventKind.JobModification | JobEventKind.FileTransferred | JobEventKind.Progress;

    private const CertificateErrors AllCertificateErrors =
        CertificateErrors.NameMismatch | CertificateErrors.DateInvalid | CertificateErrors.UnknownAuthority | CertificateErrors.WrongUsage;

    public static string? FindProblem(TransferJobState job)
    {
        if (!job.Exists)
        {
            return null;
        }

        var problem = Unknown(nameof(job.Type), job.Type) ?? Unknown(nameof(job.Priority), job.Priority) ?? Unknown(nameof(job.State), job.State);
        if (problem is not null)
        {
            return problem;
        }

        if (job.Files is null || job.Outbox is null)
        {
            return $"member '{(job.Files is null ? nameof(job.Files) : nameof(job.Outbox))}' is null";
        }

        for (var i = 0; i < job.Files.Count; i++)
        {
            if (job.Files[i] is not { Ranges: not null })
            {
                return $"file {i} or its ranges are null";
            }
        }

        foreach (var entry in job.Outbox)
        {
            problem = entry is null ? "an outbox entry is null" : Unknown("Outbox.Event", entry.Event) ?? Unknown("Outbox.Channel", entry.Channel);
            if (problem is not null)
            {
                return problem;
            }
        }

        if (job.Notifications is { } settings && (settings.Flags & ~AllEvents) != 0)
        {
            return $"member 'Notifications.Flags' holds {(int)settings.Flags}, which has bits this version does not know";
        }

        return job.Error is { } error ? Unknown("Error.Code", error.Code) ?? Unknown("Error.Context", error.Context) : FindHttpProblem(job.Http);
    }

    private static string? FindHttpProblem(JobHttpState? http)
    {
        if (http is null)
        {
            return null;
        }

        if (http.Credentials is null || http.HeaderNames is null || http.Proxy is null)
        {
            return "member 'Http' lacks its credentials, header names or proxy";
        }

        foreach (var credential in http.Credentials)
        {
            var problem = credential is null
                ? "a credential is null"
                : Unknown("Http.Credentials.Target", credential.Target) ?? Unknown("Http.Credentials.Scheme", credential.Scheme);
            if (problem is not null)
            {
                return problem;
            }
        }

        if ((http.IgnoreCertificateErrors & ~AllCertificateErrors) != 0)
        {
            return $"member 'Http.IgnoreCertificateErrors' holds {(int)http.IgnoreCertificateErrors}, which has bits this version does not know";
        }

        return Unknown("Http.Proxy.Usage", http.Proxy.Usage) ?? Unknown("Http.Redirects", http.Redirects)
            ?? (http.ClientCertificate is { } certificate ? Unknown("Http.ClientCertificate.Source", certificate.Source) : null);
    }

    /// <summary>
    /// Turns a fresh state into the damaged job: it exists, is in Error with <see cref="TransferErrorCode.JobDamaged"/>,
    /// has no files, and keeps the name, owner and times the row still yields.
    /// </summary>
    public static void Salvage(TransferJobState job, ReadOnlyMemory<byte> payload)
    {
        job.Exists = true;
        job.State = JobState.Error;
        try
        {
            using var document = JsonDocument.Parse(payload);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                job.Owner = Text(root, nameof(job.Owner)) ?? job.Owner;
                job.DisplayName = Text(root, nameof(job.DisplayName)) ?? job.DisplayName;
                job.Description = Text(root, nameof(job.Description)) ?? job.Description;
                job.Created = Time(root, nameof(job.Created)) ?? job.Created;
                job.Modified = Time(root, nameof(job.Modified)) ?? job.Modified;
                job.LastActivityAt = Time(root, nameof(job.LastActivityAt)) ?? job.LastActivityAt;
            }
        }
        catch (JsonException)
        {
            // Not even JSON: the grain fills the owner and name from the catalog.
        }

        job.Error = new JobError(
            TransferErrorCode.JobDamaged,
            ErrorContext.QueueManager,
            $"The job's stored state cannot be read ({job.Damage}); it was written by a newer version of the service or "
            + "is corrupt. Nothing of it runs; cancel it with 'xfer job cancel', or restore the row from a backup.",
            HttpStatus: null,
            FileIndex: 0);
    }

    private static string? Unknown<TEnum>(string member, TEnum value)
        where TEnum : struct, Enum =>
        Enum.IsDefined(value)
            ? null
            : $"member '{member}' holds {Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture)}, which is no {typeof(TEnum).Name} this version knows";

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static DateTimeOffset? Time(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.TryGetDateTimeOffset(out var time) ? time : null;
}
