using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Transfer;
using Orleans.Transfer.Worker;

// throttle-harness URL OUTPUT RATE SECONDS: downloads URL into OUTPUT through TransferWorker (HttpSource) with a per-job cap of
// RATE (e.g. 10M), cancelling after SECONDS. The caller samples the file size.
if (args.Length != 4 || TransferRate.Parse(args[2]) is not { } rate)
{
    await Console.Error.WriteLineAsync("usage: throttle-harness URL OUTPUT RATE SECONDS");
    return 2;
}

await using var services = new ServiceCollection().AddLogging().AddTransferWorker().BuildServiceProvider();
var worker = services.GetRequiredService<ITransferWorker>();
using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(double.Parse(args[3], CultureInfo.InvariantCulture)));
var request = new FileTransferRequest(
    Guid.NewGuid(), 0, args[0], Path.GetFullPath(args[1]), [], FileCheckpoint.Empty, JobPriority.Normal, rate);
var run = worker.Start(request, stop.Token);
try
{
    await foreach (var item in run.Events.ReadAllAsync(stop.Token))
    {
        if (item.Failure is { } failure)
        {
            await Console.Error.WriteLineAsync(failure.Message);
            return 1;
        }
    }
}
catch (OperationCanceledException)
{
    // The time is up: the normal end of a benchmark run.
}

await run.Completion;
return 0;
