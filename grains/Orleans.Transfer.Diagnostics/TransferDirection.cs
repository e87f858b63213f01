namespace Orleans.Transfer.Diagnostics;

/// <summary>Which way bytes move, seen from this machine.</summary>
public enum TransferDirection
{
    Download = 0,
    Upload = 1,
}
