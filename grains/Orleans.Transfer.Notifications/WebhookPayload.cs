using System.Buffers;
using System.Text.Json;

namespace Orleans.Transfer.Notifications;

/// <summary>
/// The webhook body, written field by field so its shape is an explicit, stable contract (docs/notifications.md):
/// camelCase names, enums as their names, nulls written out.
/// </summary>
internal static class WebhookPayload
{
    public static byte[] Serialize(JobNotification notification)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var json = new Utf8JsonWriter(buffer))
        {
            var job = notification.Job;
            json.WriteStartObject();
            json.WriteString("id", notification.Id);
            json.WriteString("event", notification.Event.ToString());
            json.WriteString("occurredAt", notification.OccurredAt);
            json.WriteStartObject("job");
            json.WriteString("id", notification.JobId);
            json.WriteString("displayName", job.DisplayName);
            json.WriteString("state", job.State.ToString());
            json.WriteString("priority", job.Priority.ToString());
            json.WriteString("owner", job.Owner);
            json.WriteStartObject("progress");
            WriteNumberOrNull(json, "bytesTotal", job.Progress.BytesTotal);
            json.WriteNumber("bytesTransferred", job.Progress.BytesTransferred);
            json.WriteNumber("filesTotal", job.Progress.FilesTotal);
            json.WriteNumber("filesTransferred", job.Progress.FilesTransferred);
            json.WriteEndObject();
            if (job.Error is { } error)
            {
                json.WriteStartObject("error");
                json.WriteString("code", error.Code.ToString());
                json.WriteString("context", error.Context.ToString());
                json.WriteString("message", error.Message);
                WriteNumberOrNull(json, "httpStatus", error.HttpStatus);
                json.WriteNumber("fileIndex", error.FileIndex);
                json.WriteEndObject();
            }
            else
            {
                json.WriteNull("error");
            }

            json.WriteNumber("errorCount", job.ErrorCount);
            json.WriteEndObject();
            WriteNumberOrNull(json, "fileIndex", notification.FileIndex);
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteNumberOrNull(Utf8JsonWriter json, string name, long? value)
    {
        if (value is { } number)
        {
            json.WriteNumber(name, number);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
