using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Orleans.Transfer.Http;

namespace Orleans.Transfer.LocalApi.Endpoints;

/// <summary>
/// A job's HTTP options and remote URLs (<see cref="LocalApiRoutes.HttpOptions"/> and the routes after it). Like every
/// job mutation each first opens the job (404, then 403 for a job that is not the caller's), then reads and checks the
/// body with the contract's own Validate, so bad input is refused naming its field before the grain is asked. Bodies
/// may carry passwords and header values: they go to the grain and nowhere else, never into a message.
/// </summary>
internal static class JobHttpEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        const string job = JobEndpoints.JobRoute;
        api.MapPatch(job + "/http", SetOptionsAsync);
        api.MapPut(job + "/credentials", SetCredentialsAsync);
        api.MapDelete(job + "/credentials/{target}/{scheme}", RemoveCredentialsAsync);
        api.MapPut(job + "/client-certificate", SetClientCertificateAsync);
        api.MapDelete(job + "/client-certificate", RemoveClientCertificateAsync);
        api.MapPut(job + "/files/{fileIndex:int}/remote-url", SetRemoteUrlAsync);
        api.MapPost(job + "/replace-remote-prefix", ReplaceRemotePrefixAsync);
    }

    private static async Task<IResult> SetOptionsAsync(Guid jobId, HttpContext http, IGrainFactory grains)
    {
        var (job, _) = await JobEndpoints.OpenAsync(http, grains, jobId);
        var update = await RequestBody.ReadAsync<HttpOptionsUpdate>(http, "an HttpOptionsUpdate");
        update.Validate();
        return JobEndpoints.Answer(http, await job.SetHttpOptionsAsync(update).WaitAsync(http.RequestAborted));
    }

    private static async Task<IResult> SetCredentialsAsync(Guid jobId, HttpContext http, IGrainFactory grains)
    {
        var (job, _) = await JobEndpoints.OpenAsync(http, grains, jobId);
        var credential = await RequestBody.ReadAsync<JobCredential>(http, "a JobCredential");
        credential.Validate();
        return JobEndpoints.Answer(http, await job.SetCredentialsAsync(credential).WaitAsync(http.RequestAborted));
    }

    private static async Task<IResult> RemoveCredentialsAsync(Guid jobId, string target, string scheme, HttpContext http, IGrainFactory grains)
    {
        var (job, _) = await JobEndpoints.OpenAsync(http, grains, jobId);
        var authTarget = ParseName<AuthTarget>(target, "target", "server or proxy");
        var authScheme = ParseName<AuthScheme>(scheme, "scheme", "basic, digest, ntlm or negotiate");
        return JobEndpoints.Answer(http, await job.RemoveCredentialsAsync(authTarget, authScheme).WaitAsync(http.RequestAborted));
    }

    private static async Task<IResult> SetClientCertificateAsync(Guid jobId, HttpContext http, IGrainFactory grains)
    {
        var (job, _) = await JobEndpoints.OpenAsync(http, grains, jobId);
        var certificate = await RequestBody.ReadAsync<ClientCertificateSpec>(http, "a ClientCertificateSpec");
        certificate.Validate();
        return JobEndpoints.Answer(http, await job.SetClientCertificateAsync(certificate).WaitAsync(http.RequestAborted));
    }

    private static async Task<IResult> RemoveClientCertificateAsync(Guid jobId, HttpContext http, IGrainFactory grains)
    {
        var (job, _) = await JobEndpoints.OpenAsync(http, grains, jobId);
        return JobEndpoints.Answer(http, await job.SetClientCertificateAsync(null).WaitAsync(http.RequestAborted));
    }

    private static async Task<IResult> SetRemoteUrlAsync(Guid jobId, int fileIndex, HttpContext http, IGrainFactory grains)
    {
        var (job, _) = await JobEndpoints.OpenAsync(http, grains, jobId);
        var change = await RequestBody.ReadAsync<RemoteUrlChange>(http, "a RemoteUrlChange");
        var url = Require(change.RemoteUrl, "remoteUrl", "the file's new URL");
        return JobEndpoints.Answer(http, await job.SetRemoteUrlAsync(fileIndex, url).WaitAsync(http.RequestAborted));
    }

    private static async Task<IResult> ReplaceRemotePrefixAsync(Guid jobId, HttpContext http, IGrainFactory grains)
    {
        var (job, _) = await JobEndpoints.OpenAsync(http, grains, jobId);
        var change = await RequestBody.ReadAsync<RemotePrefixChange>(http, "a RemotePrefixChange");
        var oldPrefix = Require(change.OldPrefix, "oldPrefix", "the prefix to replace");
        var newPrefix = Require(change.NewPrefix, "newPrefix", "the prefix that replaces it");
        return JobEndpoints.Answer(http, await job.ReplaceRemotePrefixAsync(oldPrefix, newPrefix).WaitAsync(http.RequestAborted));
    }

    /// <summary>A route segment as the lowercase enum name <see cref="LocalApiRoutes.Credential"/> writes.</summary>
    private static T ParseName<T>(string text, string field, string expected)
        where T : struct, Enum
    {
        if (!char.IsAsciiLetter(text.FirstOrDefault()) || !Enum.TryParse<T>(text, ignoreCase: true, out var value) || !Enum.IsDefined(value))
        {
            throw new TransferJobException(TransferErrorCode.InvalidArgument, $"{field} '{text}' is not one of {expected}.", field);
        }

        return value;
    }

    // JSON may leave a member out or send null, whatever the record's annotations say.
    private static string Require(string? value, string field, string what) =>
        string.IsNullOrEmpty(value)
            ? throw new TransferJobException(TransferErrorCode.InvalidArgument, $"{field} is required: {what}.", field)
            : value;
}
