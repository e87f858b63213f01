namespace Orleans.Transfer.Worker.Tests;

public sealed class TimetableTests
{
    private const string Sample = "Mon-08:00,512k 12:00,10M 18:00,off";

    // 2026-06-01 is a Monday.
    [Theory]
    [InlineData(Sample, "2026-06-01 08:00", 512L * 1024, 240)]
    [InlineData(Sample, "2026-06-01 11:59", 512L * 1024, 1)]
    [InlineData(Sample, "2026-06-01 12:00", 10L * 1024 * 1024, 360)]
    [InlineData(Sample, "2026-06-01 07:59", null, 1)] // 18:00 on Sunday, wrapped from the end of the week
    [InlineData(Sample, "2026-06-02 09:00", null, 180)] // Tuesday: Monday 18:00 off is still in force until 12:00
    [InlineData(Sample, "2026-06-07 23:00", null, 540)] // Sunday night, until Monday 08:00
    [InlineData("10M", "2026-06-03 15:00", 10L * 1024 * 1024, -1)]
    [InlineData("08:00,0 17:00,off", "2026-06-03 16:30", 0L, 30)]
    [InlineData("08:00,0 17:00,off", "2026-06-03 03:00", null, 300)]
    [InlineData("Sat-00:00,1M Mon-00:00,off", "2026-06-06 10:00", 1024L * 1024, 38 * 60)]
    public void At_LocalTime_ReturnsEntryInForceAndTimeToChange(string text, string at, long? limit, int minutesToChange)
    {
        var table = Timetable.Parse(text);

        var result = table.At(DateTime.Parse(at, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(limit, result.BytesPerSecond);
        Assert.Equal(minutesToChange < 0 ? null : TimeSpan.FromMinutes(minutesToChange), result.ChangesIn);
    }

    [Theory]
    [InlineData("Mon-08:00,512k 12:00,10M 18:00,off")]
    [InlineData("10M")]
    [InlineData("Sun-23:59,0 Wed-06:30,1G")]
    public void ToString_RoundTrips(string text) => Assert.Equal(text, Timetable.Parse(text).ToString());

    [Theory]
    [InlineData("", "empty")]
    [InlineData("Mon-08:00 12:00,1M", "expected")]
    [InlineData("Xyz-08:00,1M", "not a day")]
    [InlineData("25:00,1M", "expected")]
    [InlineData("08:00,fast", "not a rate")]
    [InlineData("08:00,1M 08:00,2M", "two entries")]
    [InlineData("fast", "not a rate")]
    public void Parse_Invalid_ThrowsNamingTheProblem(string text, string problem)
    {
        var error = Assert.Throws<FormatException>(() => Timetable.Parse(text));

        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }
}
