using Microsoft.Extensions.Logging;
using Orleans.Transfer.Grains.State;
using Orleans.Transfer.Http;
using Orleans.Transfer.Worker;

namespace Orleans.Transfer.Grains.Jobs;

/// <summary>
/// A job's HTTP options (B68, B70–B72, B75, B78, B66–B67): credentials, custom headers, proxy, client certificate,
/// redirect and content rules. Each operation validates everything before it changes anything; secrets are encrypted
/// as they are set (<see cref="JobSecrets"/>), and a job whose options are all defaults stores none.
/// </summary>
internal sealed partial class JobHttp(
    Guid jobId,
    Func<TransferJobState> job,
    JobSecrets secrets,
    JobChanges changes,
    IClientCertificateReader certificateReader,
    ILogger logger)
{
    private TransferJobState Job => job();

    public async Task<JobInfo> SetOptionsAsync(HttpOptionsUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        JobStateMachine.EnsureNotFinal(Job.State, "change the HTTP options of");
        Check(update, Job.Http?.Credentials.Select(c => c.Target) ?? [], Job.Files);
        Job.Http = Normalize(Apply(secrets, Job.Http ?? new JobHttpState(), update));
        var members = ChangedMembers(update);
        LogHttpOptionsChanged(logger, jobId, members);
        return await changes.CommitAsync();
    }

    public async Task<JobInfo> SetCredentialsAsync(JobCredential credential)
    {
        ArgumentNullException.ThrowIfNull(credential);
        JobStateMachine.EnsureNotFinal(Job.State, "set credentials on");
        credential.Validate();
        JobHttpRules.CheckCredential(credential.Target, Job.Http?.HeaderNames ?? [], "credential.target");
        var stored = ToStored(secrets, credential);
        var http = Job.Http ?? new JobHttpState();
        http.Credentials.RemoveAll(c => c.Target == credential.Target && c.Scheme == credential.Scheme);
        http.Credentials.Add(stored);
        Job.Http = http;
        LogCredentialsSet(logger, jobId, credential.Target, credential.Scheme, credential.UserName);
        return await changes.CommitAsync();
    }

    public async Task<JobInfo> RemoveCredentialsAsync(AuthTarget target, AuthScheme scheme)
    {
        JobStateMachine.EnsureNotFinal(Job.State, "remove credentials from");
        if (!Enum.IsDefined(target) || !Enum.IsDefined(scheme))
        {
            var field = Enum.IsDefined(target) ? "scheme" : "target";
            throw new TransferJobException(TransferErrorCode.InvalidArgument, $"{field} is not a credential {field}; use server or proxy, and basic, digest, ntlm or negotiate.", field);
        }

        if (Job.Http is not { } http || http.Credentials.RemoveAll(c => c.Target == target && c.Scheme == scheme) == 0)
        {
            return changes.Info();
        }

        Job.Http = Normalize(http);
        LogCredentialsRemoved(logger, jobId, target, scheme);
        return await changes.CommitAsync();
    }

    /// <summary>Reads the certificate with the owner's rights (the reader does so off the grain scheduler); null removes it.</summary>
    public async Task<JobInfo> SetClientCertificateAsync(ClientCertificateSpec? certificate)
    {
        JobStateMachine.EnsureNotFinal(Job.State, "set the client certificate of");
        if (certificate is null)
        {
            if (Job.Http is not { ProtectedClientCertificate: not null } http)
            {
                return changes.Info();
            }

            (http.ProtectedClientCertificate, http.ClientCertificate) = (null, null);
            Job.Http = Normalize(http);
            LogClientCertificateRemoved(logger, jobId);
            return await changes.CommitAsync();
        }

        certificate.Validate();
        var loaded = await certificateReader.ReadAsync(Job.Owner, certificate, CancellationToken.None);

        // The owner may have cancelled the job while its file was read.
        JobStateMachine.EnsureNotFinal(Job.State, "set the client certificate of");
        var ciphertext = secrets.ProtectClientCertificate(loaded.Pkcs12);
        var state = Job.Http ?? new JobHttpState();
        (state.ProtectedClientCertificate, state.ClientCertificate) = (ciphertext, loaded.Info);
        Job.Http = state;
        LogClientCertificateSet(logger, jobId, loaded.Info.Source, loaded.Info.Thumbprint);
        return await changes.CommitAsync();
    }

    /// <summary>
    /// The options of a new job (CreateJobRequest.Http and .Credentials), checked and encrypted before the job is
    /// written, so that bad input creates nothing; null when they are all defaults.
    /// </summary>
    public static JobHttpState? Prepare(JobSecrets secrets, HttpOptionsUpdate? update, IReadOnlyList<JobCredential>? credentials, IReadOnlyList<JobFileState> files)
    {
        credentials ??= [];
        for (var i = 0; i < credentials.Count; i++)
        {
            var field = $"credentials[{i}]";
            (credentials[i] ?? throw new TransferJobException(TransferErrorCode.InvalidArgument, $"{field} is null.", field)).Validate(field);
            if (credentials.Take(i).Any(c => c.Target == credentials[i].Target && c.Scheme == credentials[i].Scheme))
            {
                throw new TransferJobException(
                    TransferErrorCode.InvalidArgument,
                    $"{field} is a second {JobSecrets.Describe(credentials[i].Target, credentials[i].Scheme)} credential; give one per target and scheme.",
                    field);
            }
        }

        var http = new JobHttpState();
        if (update is not null)
        {
            Check(update, credentials.Select(c => c.Target), files);
            Apply(secrets, http, update);
        }

        http.Credentials.AddRange(credentials.Select(c => ToStored(secrets, c)));
        return Normalize(http);
    }

    /// <summary>B96: TakeOwnership strips credentials, custom headers and the client certificate; true when there were any.</summary>
    public bool StripSecrets()
    {
        if (Job.Http is not { } http || (http.Credentials.Count == 0 && http.ProtectedHeaders is null && http.ProtectedClientCertificate is null))
        {
            return false;
        }

        http.Credentials.Clear();
        (http.ProtectedHeaders, http.HeaderNames) = (null, []);
        (http.ProtectedClientCertificate, http.ClientCertificate) = (null, null);
        Job.Http = Normalize(http);
        LogHttpSecretsStripped(logger, jobId);
        return true;
    }

    private static void Check(HttpOptionsUpdate update, IEnumerable<AuthTarget> credentialTargets, IReadOnlyList<JobFileState> files)
    {
        update.Validate();
        JobHttpRules.CheckProxy(update.Proxy);
        if (update.DynamicContent == true)
        {
            JobHttpRules.CheckDynamicContent(files);
        }

        if (update.CustomHeaders is { } headers)
        {
            JobHttpRules.CheckHeaders(headers, credentialTargets);
        }
    }

    /// <summary>Applies a checked update; the headers are encrypted first, so a failure leaves the state as it was.</summary>
    private static JobHttpState Apply(JobSecrets secrets, JobHttpState http, HttpOptionsUpdate update)
    {
        if (update.CustomHeaders is { } headers)
        {
            http.ProtectedHeaders = headers.Count == 0 ? null : secrets.ProtectHeaders(headers);
            http.HeaderNames = [.. headers.Select(h => HttpOptionsUpdate.TrySplitHeader(h, out var name, out _) ? name : "")];
        }

        http.Proxy = update.Proxy ?? http.Proxy;
        http.Redirects = update.Redirects ?? http.Redirects;
        http.IgnoreCertificateErrors = update.IgnoreCertificateErrors ?? http.IgnoreCertificateErrors;
        http.CheckRevocation = update.CheckRevocation ?? http.CheckRevocation;
        http.DynamicContent = update.DynamicContent ?? http.DynamicContent;
        if (update.Segments is { } segments)
        {
            http.Segments = segments == 0 ? null : segments;
        }

        if (update.MaxDownloadBytes is { } max)
        {
            http.MaxDownloadBytes = max == 0 ? null : max;
        }

        return http;
    }

    private static StoredCredential ToStored(JobSecrets secrets, JobCredential credential) => new()
    {
        Target = credential.Target,
        Scheme = credential.Scheme,
        UserName = credential.UserName,
        ProtectedPassword = secrets.ProtectPassword(credential.Password),
    };

    private static JobHttpState? Normalize(JobHttpState http) => http.IsDefault ? null : http;

    /// <summary>Which members an update changes, for the log: never their values.</summary>
    private static string ChangedMembers(HttpOptionsUpdate update) => string.Join(", ", new (string Name, bool Set)[]
    {
        ("customHeaders", update.CustomHeaders is not null),
        ("proxy", update.Proxy is not null),
        ("redirects", update.Redirects is not null),
        ("ignoreCertificateErrors", update.IgnoreCertificateErrors is not null),
        ("checkRevocation", update.CheckRevocation is not null),
        ("dynamicContent", update.DynamicContent is not null),
        ("maxDownloadBytes", update.MaxDownloadBytes is not null),
        ("segments", update.Segments is not null),
    }.Where(m => m.Set).Select(m => m.Name));
}
