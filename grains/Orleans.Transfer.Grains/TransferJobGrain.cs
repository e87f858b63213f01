namespace Orleans.Transfer.Grains; internal sealed class TransferJobGrain;
