using System.Net;

namespace Orleans.Transfer.Worker.Tests;

/// <summary>Answers every probe at once with <see cref="Rtt"/> (null: no answer), recording whom it probed.</summary>
internal sealed class FakeDelayProbe : IDelayProbe
{
    public TimeSpan? Rtt { get; set; } = TimeSpan.FromMilliseconds(30);

    public List<IPAddress> Probed { get; } = [];

    public Task<TimeSpan?> ProbeAsync(IPAddress address, TimeSpan timeout, CancellationToken cancellationToken)
    {
        Probed.Add(address);
        return Task.FromResult(Rtt);
    }
}
