using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Orleans.Transfer.LocalApi.Endpoints;

/// <summary>
/// Turns every failure of an endpoint into an <see cref="ApiError"/> answer: refusals with their code's status, bad
/// input 400, anything unexpected 500 with the details in the log only. A failure after the answer has started (an
/// event stream) can only end the connection.
/// </summary>
internal sealed partial class LocalApiErrorFilter(ILogger<LocalApiErrorFilter> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        try
        {
            return await next(context);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The caller went away; there is no one to answer.
            return Results.Empty;
        }
        catch (Exception exception) when (http.Response.HasStarted)
        {
            LogRequestFailed(logger, exception, http.Request.Method, http.Request.Path);
            http.Abort();
            return Results.Empty;
        }
        catch (TransferJobException exception)
        {
            if (exception.Code is TransferErrorCode.AccessDenied or TransferErrorCode.NotAuthenticated)
            {
                LogRequestRefused(logger, http.Request.Method, http.Request.Path, exception.Code, exception.Message);
            }

            return ApiResults.Error(ApiErrors.From(exception));
        }
        catch (ArgumentException exception)
        {
            return ApiResults.Error(new ApiError(TransferErrorCode.InvalidArgument, exception.Message, exception.ParamName));
        }
        catch (BadHttpRequestException exception)
        {
            // Kestrel refused the request itself, e.g. a body over its size limit.
            return ApiResults.Error(new ApiError(TransferErrorCode.InvalidArgument, exception.Message, "body"), exception.StatusCode);
        }
        catch (Exception exception)
        {
            LogRequestFailed(logger, exception, http.Request.Method, http.Request.Path);
            return ApiResults.Error(ApiErrors.Internal);
        }
    }
}
