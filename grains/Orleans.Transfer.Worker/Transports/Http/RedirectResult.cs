namespace Orleans.Transfer.Worker;

/// <summary>What one request of a job came to after its redirects.</summary>
/// <param name="Response">The response to use; null when a redirect was refused.</param>
/// <param name="Final">The URL that answered (or, when refused, the location refused).</param>
/// <param name="Redirected">True when at least one redirect was followed or refused.</param>
/// <param name="Refused">Why a redirect was refused, or null.</param>
internal sealed record RedirectResult(HttpResponseMessage? Response, Uri Final, bool Redirected, TransferFailure? Refused);
