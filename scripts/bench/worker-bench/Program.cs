using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Transfer;
using Orleans.Transfer.Worker;

// worker-bench URL OUTPUT RUNS [CHECKPOINT_MIB]: downloads URL into OUTPUT RUNS times through TransferWorker (HttpSource; the
// first run warms up), printing wall seconds and process CPU seconds of each run. No grain, no storage, no Orleans.
if (args.Length < 3)
{
    await Console.Error.WriteLineAsync("usage: worker-bench URL OUTPUT RUNS [CHECKPOINT_MIB]");
    return 2;
}

var checkpointMib = args.Length > 3 ? long.Parse(args[3], CultureInfo.InvariantCulture) : 8;
await using var services = new ServiceCollection().AddLogging()
    .AddTransferWorker(o => o.CheckpointBytes = checkpointMib << 20).BuildServiceProvider();
var worker = services.GetRequiredService<ITransferWorker>();
var process = Process.GetCurrentProcess();
for (var i = 0; i <= int.Parse(args[2], CultureInfo.InvariantCulture); i++)
{
    File.Delete(args[1]);
    process.Refresh();
    var cpu = process.TotalProcessorTime;
    var sw = Stopwatch.StartNew();
    var request = new FileTransferRequest(Guid.NewGuid(), 0, args[0], Path.GetFullPath(args[1]), [], FileCheckpoint.Empty, JobPriority.Normal, null);
    var run = worker.Start(request, CancellationToken.None);
    var checkpoints = 0;
    await foreach (var item in run.Events.ReadAllAsync())
    {
        if (item.Failure is { } failure)
        {
            await Console.Error.WriteLineAsync(failure.Message);
            return 1;
        }

        checkpoints++;
    }

    await run.Completion;
    process.Refresh();
    if (i > 0)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{sw.Elapsed.TotalSeconds:F3} {(process.TotalProcessorTime - cpu).TotalSeconds:F3} events={checkpoints}"));
    }
}

return 0;
