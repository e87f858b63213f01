namespace Orleans.Transfer.Worker.Finishing;

/// <summary>
/// What <see cref="IFileFinisher.MoveManyIntoPlaceAsync"/> did: the first <paramref name="Moved"/> files are in place;
/// when <paramref name="Failure"/> is set, the next one was not moved (as <see cref="IFileFinisher.MoveIntoPlaceAsync"/>
/// would have thrown it) and neither was any after it.
/// </summary>
public sealed record FileMovesResult(int Moved, TransferJobException? Failure);
