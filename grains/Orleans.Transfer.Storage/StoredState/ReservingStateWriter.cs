using Orleans.Storage;
using Orleans.Transfer.Storage.Catalog;

namespace Orleans.Transfer.Storage.StoredState;

/// <summary>
/// The first write of an <see cref="IReservingState"/>: its catalog reservation (row, counters, claims) and the state
/// row in one transaction of the catalog's (<see cref="DapperJobCatalog.ReserveWithAsync{T}"/>), on either profile.
/// A create was a reservation, a state write and a confirmation, three transactions (three commits, three fsyncs on
/// PostgreSQL) with the service's counter row locked through the first; now it is one, and nothing is left to confirm
/// or to sweep after a crash: either all of it was committed or none of it.
/// </summary>
internal sealed class ReservingStateWriter(StoredStateRows rows, DapperJobCatalog catalog, IGrainStorageSerializer serializer)
{
    public async Task WriteAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, JobRowReservation reservation)
    {
        var query = await rows.QueryAsync(StoredStateRows.WriteQuery);
        var payload = serializer.Serialize(grainState.State).ToArray();
        var known = grainState.ETag;
        var (outcome, version) = await catalog.ReserveWithAsync(
            reservation,
            (connection, transaction) => rows.RunVersionedAsync(connection, transaction, query, "WriteState", stateName, grainId, known, payload),
            CancellationToken.None);
        reservation.Outcome = outcome;
        if (outcome.Outcome == JobReservationOutcome.Reserved)
        {
            grainState.ETag = version;
            grainState.RecordExists = true;
        }
    }
}
