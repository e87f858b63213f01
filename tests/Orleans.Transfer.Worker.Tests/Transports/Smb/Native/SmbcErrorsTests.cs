namespace Orleans.Transfer.Worker.Tests.Transports.Smb.Native;

public sealed class SmbcErrorsTests
{
    [Theory]
    [InlineData(2, (int)SmbErrorKind.NotFound, "ENOENT")]
    [InlineData(20, (int)SmbErrorKind.NotFound, "ENOTDIR")]
    [InlineData(19, (int)SmbErrorKind.ShareNotFound, "ENODEV")]
    [InlineData(13, (int)SmbErrorKind.AccessDenied, "EACCES")]
    [InlineData(1, (int)SmbErrorKind.AccessDenied, "EPERM")]
    [InlineData(111, (int)SmbErrorKind.Unreachable, "ECONNREFUSED")]
    [InlineData(113, (int)SmbErrorKind.Unreachable, "EHOSTUNREACH")]
    [InlineData(101, (int)SmbErrorKind.Unreachable, "ENETUNREACH")]
    [InlineData(112, (int)SmbErrorKind.Unreachable, "EHOSTDOWN")]
    [InlineData(104, (int)SmbErrorKind.ConnectionLost, "ECONNRESET")]
    [InlineData(103, (int)SmbErrorKind.ConnectionLost, "ECONNABORTED")]
    [InlineData(102, (int)SmbErrorKind.ConnectionLost, "ENETRESET")]
    [InlineData(100, (int)SmbErrorKind.Unreachable, "ENETDOWN")]
    [InlineData(32, (int)SmbErrorKind.ConnectionLost, "EPIPE")]
    [InlineData(110, (int)SmbErrorKind.ConnectionLost, "ETIMEDOUT")]
    [InlineData(5, (int)SmbErrorKind.ConnectionLost, "EIO")]
    [InlineData(9, (int)SmbErrorKind.ConnectionLost, "EBADF")]
    [InlineData(28, (int)SmbErrorKind.NoSpace, "ENOSPC")]
    [InlineData(122, (int)SmbErrorKind.NoSpace, "EDQUOT")]
    [InlineData(21, (int)SmbErrorKind.IsDirectory, "EISDIR")]
    [InlineData(22, (int)SmbErrorKind.Other, "errno 22")]
    public void Kind_MapsErrno(int errno, int kind, string name)
    {
        Assert.Equal((SmbErrorKind)kind, SmbcErrors.Kind(errno));
        Assert.Equal(name, SmbcErrors.Name(errno));
    }

    [Theory]
    [InlineData((int)SmbErrorKind.ConnectionLost, true)]
    [InlineData((int)SmbErrorKind.Unreachable, true)]
    [InlineData((int)SmbErrorKind.NotFound, false)]
    [InlineData((int)SmbErrorKind.AuthenticationFailed, false)]
    public void BreaksConnection_OnlyForNetworkFailures(int kind, bool breaks) => Assert.Equal(breaks, SmbcErrors.BreaksConnection((SmbErrorKind)kind));

    [Fact]
    public void Exception_SaysWhatWhereAndWhatToDo()
    {
        var location = SmbTestClients.Location("smb://files.example/share/dir/a.iso");

        var error = SmbcErrors.Exception(111, "open for reading", location);

        Assert.Equal(SmbErrorKind.Unreachable, error.Kind);
        Assert.Equal(111, error.NativeError);
        Assert.StartsWith("Could not open for reading smb://files.example/share/dir/a.iso: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("ECONNREFUSED", error.Message, StringComparison.Ordinal);
        Assert.Contains("the job retries", error.Message, StringComparison.Ordinal);
    }
}
