using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Orleans.Transfer.Cli.Output;

namespace Orleans.Transfer.Cli.Tests;

/// <summary>What the progress line, the plain lines and the JSON lines show, on a fake clock.</summary>
public sealed class ProgressViewTests
{
    private const long MiB = 1024 * 1024;
    private readonly FakeTimeProvider _time = new();
    private readonly StringWriter _writer = new();

    [Fact]
    public void Bar_ShowsBinarySizesRateAndEta()
    {
        var view = new ProgressView(_writer, ProgressMode.Bar, _time);

        view.Show(Job(JobState.Transferring, 0, 100 * MiB));
        _time.Advance(TimeSpan.FromSeconds(2));
        view.Show(Job(JobState.Transferring, 20 * MiB, 100 * MiB));
        view.Finish();

        var last = _writer.ToString().Split('\r')[^1];
        Assert.Contains("[####................]  20%", last, StringComparison.Ordinal);
        Assert.Contains("20.0 MiB/100.0 MiB", last, StringComparison.Ordinal);
        Assert.Contains("10.0 MiB/s", last, StringComparison.Ordinal);
        Assert.Contains("ETA 8s", last, StringComparison.Ordinal);
        Assert.DoesNotContain("MB", last.Replace("MiB", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.EndsWith(Environment.NewLine, last, StringComparison.Ordinal);
    }

    [Fact]
    public void Bar_RateAndEtaUnknown_ShowDashes()
    {
        var view = new ProgressView(_writer, ProgressMode.Bar, _time);

        view.Show(Job(JobState.Transferring, 5 * MiB, null));

        Assert.Contains("--  ETA --", _writer.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Lines_AreRateLimited_ButEveryStateChangeIsShown()
    {
        var view = new ProgressView(_writer, ProgressMode.Lines, _time);

        view.Show(Job(JobState.Connecting, 0, 100 * MiB));
        view.Show(Job(JobState.Transferring, MiB, 100 * MiB));
        for (var i = 2; i <= 9; i++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(500));
            view.Show(Job(JobState.Transferring, i * MiB, 100 * MiB));
        }

        _time.Advance(TimeSpan.FromSeconds(1));
        view.Show(Job(JobState.Transferring, 20 * MiB, 100 * MiB));
        view.Show(Job(JobState.Transferred, 100 * MiB, 100 * MiB));
        view.Finish();

        var lines = _writer.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        Assert.StartsWith("Connecting", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("Transferring", lines[1], StringComparison.Ordinal);
        Assert.Contains("20.0 MiB/100.0 MiB", lines[2], StringComparison.Ordinal);
        Assert.StartsWith("Transferred", lines[3], StringComparison.Ordinal);
        Assert.DoesNotContain("ETA", lines[3], StringComparison.Ordinal);
        Assert.DoesNotContain('\r', _writer.ToString());
    }

    [Fact]
    public void Json_WritesOneObjectPerUpdate_WithRateAndEtaSeconds()
    {
        var view = new ProgressView(_writer, ProgressMode.Json, _time);

        view.Show(Job(JobState.Transferring, 0, 100 * MiB));
        _time.Advance(TimeSpan.FromSeconds(4));
        view.Show(Job(JobState.Transferring, 40 * MiB, 100 * MiB));
        view.Show(Job(JobState.Transferred, 100 * MiB, 100 * MiB));
        view.Finish();

        var lines = _writer.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        using var first = JsonDocument.Parse(lines[0]);
        Assert.Equal(JsonValueKind.Null, first.RootElement.GetProperty("bytesPerSecond").ValueKind);
        Assert.Equal(JsonValueKind.Null, first.RootElement.GetProperty("etaSeconds").ValueKind);

        using var second = JsonDocument.Parse(lines[1]);
        var update = second.RootElement;
        Assert.Equal(FakeTransferClient.JobId, update.GetProperty("id").GetGuid());
        Assert.Equal("Transferring", update.GetProperty("state").GetString());
        Assert.Equal(40 * MiB, update.GetProperty("bytesTransferred").GetInt64());
        Assert.Equal(100 * MiB, update.GetProperty("bytesTotal").GetInt64());
        Assert.Equal(0, update.GetProperty("filesTransferred").GetInt32());
        Assert.Equal(1, update.GetProperty("filesTotal").GetInt32());
        Assert.Equal(10 * MiB, update.GetProperty("bytesPerSecond").GetInt64());
        Assert.Equal(6, update.GetProperty("etaSeconds").GetInt64());

        using var last = JsonDocument.Parse(lines[2]);
        Assert.Equal("Transferred", last.RootElement.GetProperty("state").GetString());
    }

    [Fact]
    public void Pause_IsNotAveragedIntoTheRate()
    {
        var tracker = new ProgressTracker(_time);
        tracker.Next(Job(JobState.Transferring, 0, 100 * MiB));
        _time.Advance(TimeSpan.FromSeconds(1));
        tracker.Next(Job(JobState.Transferring, 4 * MiB, 100 * MiB));

        var suspended = tracker.Next(Job(JobState.Suspended, 4 * MiB, 100 * MiB));
        _time.Advance(TimeSpan.FromMinutes(5));
        tracker.Next(Job(JobState.Transferring, 4 * MiB, 100 * MiB));
        _time.Advance(TimeSpan.FromSeconds(1));
        var resumed = tracker.Next(Job(JobState.Transferring, 6 * MiB, 100 * MiB));

        Assert.Null(suspended.BytesPerSecond);
        Assert.Null(suspended.Eta);
        Assert.Equal(2 * MiB, resumed.BytesPerSecond);
        Assert.Equal(TimeSpan.FromSeconds(47), resumed.Eta);
    }

    [Fact]
    public void Quiet_WritesNothing()
    {
        var view = new ProgressView(_writer, ProgressMode.Quiet, _time);

        view.Show(Job(JobState.Transferring, MiB, 100 * MiB));
        view.Finish();

        Assert.Empty(_writer.ToString());
    }

    private static JobEvent Job(JobState state, long bytes, long? total) =>
        new(
            FakeTransferClient.Sample(state).Id,
            JobEventKind.Progress,
            state,
            bytes,
            total,
            state == JobState.Transferred ? 1 : 0,
            1,
            FileIndex: null,
            ErrorCode: null,
            DateTimeOffset.UnixEpoch);
}
