namespace Orleans.Transfer.Grains.Jobs;

/// <summary>
/// Destination claims are per owner: one owner cannot block another's path by claiming it first (the file system, with
/// the owner's rights, decides who may write there). The catalog keys a claim by owner and path in one string.
/// </summary>
internal static class DestinationClaim
{
    // Owner ids (unix:<uid>, Windows SIDs, legacy user names) never contain it; paths may, which is why it comes first.
    private const char Separator = '|';

    public static string Key(string owner, string localPath) => string.Concat(owner, Separator.ToString(), localPath);

    public static string PathOf(string key) => key[(key.IndexOf(Separator, StringComparison.Ordinal) + 1)..];
}
