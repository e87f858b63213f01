using Orleans.Transfer.LocalApi.Endpoints;

namespace Orleans.Transfer.LocalApi.Tests.Endpoints;

public sealed class ApiErrorsTests
{
    [Theory]
    [InlineData(TransferErrorCode.NotFound, 404)]
    [InlineData(TransferErrorCode.AccessDenied, 403)]
    [InlineData(TransferErrorCode.NotAuthenticated, 401)]
    [InlineData(TransferErrorCode.InvalidState, 409)]
    [InlineData(TransferErrorCode.AlreadyExists, 409)]
    [InlineData(TransferErrorCode.DestinationInUse, 409)]
    [InlineData(TransferErrorCode.TooManyJobs, 429)]
    [InlineData(TransferErrorCode.TooManyJobsPerOwner, 429)]
    [InlineData(TransferErrorCode.TooManyFiles, 429)]
    [InlineData(TransferErrorCode.InvalidArgument, 400)]
    [InlineData(TransferErrorCode.InvalidUrl, 400)]
    [InlineData(TransferErrorCode.InvalidLocalPath, 400)]
    [InlineData(TransferErrorCode.NameTooLong, 400)]
    [InlineData(TransferErrorCode.Empty, 400)]
    [InlineData(TransferErrorCode.Internal, 500)]
    [InlineData(TransferErrorCode.JobHostUnavailable, 503)]
    public void StatusCodeFor_MapsEachCode(TransferErrorCode code, int status) =>
        Assert.Equal(status, ApiErrors.StatusCodeFor(code));

    [Fact]
    public void From_KeepsCodeMessageAndField()
    {
        var error = ApiErrors.From(new TransferJobException(TransferErrorCode.InvalidUrl, "files[0].remoteUrl is not a URL.", "files[0].remoteUrl"));

        Assert.Equal(new ApiError(TransferErrorCode.InvalidUrl, "files[0].remoteUrl is not a URL.", "files[0].remoteUrl"), error);
    }

    [Fact]
    public void Internal_SaysOnlyToSeeTheLog() =>
        Assert.Equal(new ApiError(TransferErrorCode.Internal, "internal error; see the service log", null), ApiErrors.Internal);
}
