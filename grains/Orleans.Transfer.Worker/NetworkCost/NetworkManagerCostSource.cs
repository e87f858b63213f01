using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Tmds.DBus.Protocol;

namespace Orleans.Transfer.Worker;

/// <summary>
/// Linux: NetworkManager's <c>Metered</c> property on the D-Bus system bus (<c>DBUS_SYSTEM_BUS_ADDRESS</c> or the
/// default socket), read again on every PropertiesChanged of NetworkManager's object and whenever NetworkManager's name
/// changes owner. No bus or no NetworkManager is "unknown" (Unrestricted), logged once per outage at information level.
/// When NetworkManager or the bus goes away after a reading, that reading is kept for <see cref="AwayHold"/> so that a
/// NetworkManager restart does not let metered-averse jobs run for a moment; the bus is tried again every
/// <see cref="ReconnectInterval"/>. Everything is awaited; no thread waits on D-Bus.
/// </summary>
public sealed partial class NetworkManagerCostSource(string? busAddress, TimeProvider time, ILogger<NetworkManagerCostSource> logger)
    : INetworkCostSource
{
    /// <summary>How long the last reading outlives NetworkManager or the bus going away.</summary>
    public static readonly TimeSpan AwayHold = TimeSpan.FromSeconds(15);

    /// <summary>How often a missing or lost bus is tried again.</summary>
    public static readonly TimeSpan ReconnectInterval = TimeSpan.FromSeconds(5);

    /// <summary>How long one read of Metered may take before the connection counts as lost (a hung NetworkManager).</summary>
    public static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(10);

    private const string BusName = "org.freedesktop.NetworkManager";
    private const string ObjectPath = "/org/freedesktop/NetworkManager";
    private const string PropertiesInterface = "org.freedesktop.DBus.Properties";

    private NetworkCost? _last;
    private long? _awaySince;
    private bool _unknownLogged;

    /// <inheritdoc />
    public async Task RunAsync(Action<NetworkCost> report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var address = busAddress ?? DBusAddress.System;
        if (string.IsNullOrEmpty(address))
        {
            Unavailable(report, "no D-Bus system bus address (DBUS_SYSTEM_BUS_ADDRESS)");
            return;
        }

        while (!cancellationToken.IsCancellationRequested)
        {
            await WatchBusAsync(address, report, cancellationToken).ConfigureAwait(false);
            await Task.Delay(HoldRemaining() is { } rest && rest < ReconnectInterval ? rest : ReconnectInterval, time, cancellationToken)
                .ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>One connection to the bus: returns when it could not connect, was lost, or on cancellation.</summary>
    private async Task WatchBusAsync(string address, Action<NetworkCost> report, CancellationToken cancellationToken)
    {
        using var connection = new DBusConnection(address);
        try
        {
            await connection.ConnectAsync().AsTask().WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Unavailable(report, $"no D-Bus system bus at {address} ({ex.Message})");
            return;
        }
        catch (OperationCanceledException)
        {
            return;
        }

        // Subscribed before the first read, so no change slips between the read and the subscription.
        var poke = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
        var disconnected = connection.DisconnectedAsync();
        try
        {
            using var changes = await connection.AddMatchAsync(
                new MatchRule { Type = MessageType.Signal, Path = ObjectPath, Interface = PropertiesInterface, Member = "PropertiesChanged", Arg0 = BusName },
                _ => poke.Writer.TryWrite(true), emitOnCapturedContext: false, ObserverFlags.None, null).ConfigureAwait(false);
            using var owner = await connection.AddMatchAsync(
                new MatchRule { Type = MessageType.Signal, Sender = "org.freedesktop.DBus", Interface = "org.freedesktop.DBus", Member = "NameOwnerChanged", Arg0 = BusName },
                _ => poke.Writer.TryWrite(true), emitOnCapturedContext: false, ObserverFlags.None, null).ConfigureAwait(false);
            while (!cancellationToken.IsCancellationRequested)
            {
                poke.Reader.TryRead(out _);
                await ReadAsync(connection, report).ConfigureAwait(false);
                // A linked source per wait, cancelled after it: NetworkManager signals often, and no abandoned wait may stay registered.
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                List<Task> waits = [poke.Reader.WaitToReadAsync(wait.Token).AsTask(), disconnected];
                if (HoldRemaining() is { } rest)
                {
                    waits.Add(Task.Delay(rest, time, wait.Token));
                }

                var woke = await Task.WhenAny(waits).ConfigureAwait(false);
                await wait.CancelAsync().ConfigureAwait(false);
                if (woke == disconnected)
                {
                    Unavailable(report, $"lost the D-Bus system bus at {address} ({(await disconnected.ConfigureAwait(false))?.Message ?? "closed"})");
                    return;
                }
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // Whatever broke this connection (a bus error, an unexpected reply, a call that timed out), the next one starts afresh.
            Unavailable(report, $"lost the D-Bus system bus at {address} ({ex.Message})");
        }
    }

    private async Task ReadAsync(DBusConnection connection, Action<NetworkCost> report)
    {
        try
        {
            var metered = await connection.CallMethodAsync(GetMetered(connection), static (message, _) => message.GetBodyReader().ReadVariantValue().GetUInt32(), null)
                .WaitAsync(CallTimeout, time).ConfigureAwait(false);
            var cost = NetworkManagerMetered.ToCost(metered);
            _last = cost;
            _awaySince = null;
            _unknownLogged = false;
            report(cost);
        }
        catch (DBusErrorReplyException ex) when (ex.ErrorName is "org.freedesktop.DBus.Error.ServiceUnknown" or "org.freedesktop.DBus.Error.NameHasNoOwner")
        {
            Unavailable(report, "NetworkManager is not on the D-Bus system bus");
        }
        catch (DBusErrorReplyException ex)
        {
            Unavailable(report, $"NetworkManager did not give its Metered property ({ex.ErrorName}: {ex.ErrorMessage})");
        }
        catch (InvalidOperationException ex)
        {
            // A Metered that is not a uint32: not NetworkManager as documented.
            Unavailable(report, $"NetworkManager's Metered property is not a uint32 ({ex.Message})");
        }
    }

    private static MessageBuffer GetMetered(DBusConnection connection)
    {
        using var writer = connection.GetMessageWriter();
        writer.WriteMethodCallHeader(BusName, ObjectPath, PropertiesInterface, "Get", "ss", MessageFlags.None);
        writer.WriteString(BusName);
        writer.WriteString("Metered");
        return writer.CreateMessage();
    }

    /// <summary>NetworkManager cannot answer: keep the last reading within the hold, else report unknown (logged once).</summary>
    private void Unavailable(Action<NetworkCost> report, string reason)
    {
        if (_last is { } last)
        {
            if (_awaySince is null)
            {
                _awaySince = time.GetTimestamp();
                LogHolding(logger, reason, last.State, AwayHold);
                report(last with { Detail = $"{last.Detail}; kept while NetworkManager is unreachable: {reason}" });
                return;
            }

            if (HoldRemaining() is not null)
            {
                return;
            }
        }

        _last = null;
        _awaySince = null;
        if (!_unknownLogged)
        {
            _unknownLogged = true;
            LogUnknown(logger, reason);
        }

        report(NetworkCost.Unknown with { Detail = reason });
    }

    /// <summary>What is left of the hold on the last reading, or null when none is held.</summary>
    private TimeSpan? HoldRemaining()
    {
        if (_awaySince is not { } since)
        {
            return null;
        }

        var rest = AwayHold - time.GetElapsedTime(since);
        return rest > TimeSpan.Zero ? rest : null;
    }
}
