using System.Globalization;
using System.Text.Json;
using Orleans.Transfer.Cli.Output.Json;

namespace Orleans.Transfer.Cli.Output;

/// <summary>Prints a job's history (<c>xfer job events</c>): a table, or one JSON object.</summary>
internal static class HistoryPrinter
{
    public static void Write(TextWriter writer, JobHistoryPage page, OutputFormat format)
    {
        if (format == OutputFormat.Json)
        {
            writer.WriteLine(JsonSerializer.Serialize(HistoryJson.From(page), XferJsonContext.Default.HistoryJson));
            return;
        }

        if (page.Dropped > 0)
        {
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"({page.Dropped} older event(s) no longer kept)"));
        }

        var table = new TextTable("SEQ", "TIME", "EVENT", "STATE", "CODE", "MESSAGE");
        foreach (var entry in page.Events)
        {
            table.Add(
                entry.Seq.ToString(CultureInfo.InvariantCulture),
                Formats.Time(entry.At),
                entry.Kind.ToString(),
                entry.State.ToString(),
                entry.Code ?? "-",
                entry.Message);
        }

        table.WriteTo(writer);
    }
}
