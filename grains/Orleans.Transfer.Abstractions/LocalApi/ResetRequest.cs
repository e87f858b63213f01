namespace Orleans.Transfer.LocalApi;

/// <summary>bitsadmin <c>/reset</c>: cancel every unfinished job of the caller, or of every owner.</summary>
/// <param name="AllOwners">Every owner's jobs; administrators only.</param>
public sealed record ResetRequest(bool AllOwners);
