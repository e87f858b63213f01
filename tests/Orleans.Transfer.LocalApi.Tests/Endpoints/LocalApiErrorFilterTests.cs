using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Transfer.LocalApi.Endpoints;

namespace Orleans.Transfer.LocalApi.Tests.Endpoints;

/// <summary>What the error filter answers for each kind of failure, written out as the client receives it.</summary>
public sealed class LocalApiErrorFilterTests
{
    private readonly LocalApiErrorFilter _filter = new(NullLogger<LocalApiErrorFilter>.Instance);

    [Fact]
    public async Task TransferJobException_AnswersItsCodesStatusAndBody()
    {
        var (status, error) = await AnswerAsync(new TransferJobException(TransferErrorCode.TooManyJobsPerOwner, "unix:1000 already has 300 unfinished jobs.", "owner"));

        Assert.Equal(429, status);
        Assert.Equal(new ApiError(TransferErrorCode.TooManyJobsPerOwner, "unix:1000 already has 300 unfinished jobs.", "owner"), error);
    }

    [Fact]
    public async Task ArgumentException_Is400NamingTheParameter()
    {
        var (status, error) = await AnswerAsync(new ArgumentOutOfRangeException("count", "count is 0; use 1 to 1000."));

        Assert.Equal(400, status);
        Assert.Equal((TransferErrorCode.InvalidArgument, "count"), (error.Code, error.Field));
    }

    [Fact]
    public async Task KestrelRefusal_KeepsItsStatus()
    {
        var (status, error) = await AnswerAsync(new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge));

        Assert.Equal(413, status);
        Assert.Equal((TransferErrorCode.InvalidArgument, "body"), (error.Code, error.Field));
    }

    [Fact]
    public async Task UnexpectedException_Is500WithoutItsDetails()
    {
        var (status, error) = await AnswerAsync(new InvalidOperationException("secret internals"));

        Assert.Equal(500, status);
        Assert.Equal(ApiErrors.Internal, error);
    }

    private async Task<(int Status, ApiError Error)> AnswerAsync(Exception failure)
    {
        var http = new DefaultHttpContext
        {
            RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider(),
        };
        http.Response.Body = new MemoryStream();

        var result = await _filter.InvokeAsync(new DefaultEndpointFilterInvocationContext(http), _ => throw failure);
        await Assert.IsAssignableFrom<IResult>(result).ExecuteAsync(http);

        http.Response.Body.Position = 0;
        return (http.Response.StatusCode, (await JsonSerializer.DeserializeAsync<ApiError>(http.Response.Body, TransferJson.Options))!);
    }
}
