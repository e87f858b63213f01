using Orleans.Transfer.Worker.Tests.Transports.Smb.Native;

namespace Orleans.Transfer.Worker.Tests.Transports.Smb.Windows;

public sealed class WindowsSmbErrorsTests
{
    [Theory]
    [InlineData(2, (int)SmbErrorKind.NotFound)]
    [InlineData(3, (int)SmbErrorKind.NotFound)]
    [InlineData(53, (int)SmbErrorKind.Unreachable)]
    [InlineData(67, (int)SmbErrorKind.ShareNotFound)]
    [InlineData(5, (int)SmbErrorKind.AccessDenied)]
    [InlineData(65, (int)SmbErrorKind.AccessDenied)]
    [InlineData(1326, (int)SmbErrorKind.AuthenticationFailed)]
    [InlineData(1909, (int)SmbErrorKind.AuthenticationFailed)]
    [InlineData(1231, (int)SmbErrorKind.Unreachable)]
    [InlineData(1232, (int)SmbErrorKind.Unreachable)]
    [InlineData(59, (int)SmbErrorKind.ConnectionLost)]
    [InlineData(64, (int)SmbErrorKind.ConnectionLost)]
    [InlineData(121, (int)SmbErrorKind.ConnectionLost)]
    [InlineData(112, (int)SmbErrorKind.NoSpace)]
    [InlineData(39, (int)SmbErrorKind.NoSpace)]
    [InlineData(267, (int)SmbErrorKind.IsDirectory)]
    [InlineData(1219, (int)SmbErrorKind.Other)]
    [InlineData(87, (int)SmbErrorKind.Other)]
    public void Kind_MapsWin32Errors(int error, int kind) => Assert.Equal((SmbErrorKind)kind, WindowsSmbErrors.Kind(error));

    [Fact]
    public void ErrorOf_ReadsTheWin32ErrorOutOfTheHResult()
    {
        Assert.Equal(64, WindowsSmbErrors.ErrorOf(new IOException("gone", unchecked((int)0x80070040))));
        Assert.Equal(5, WindowsSmbErrors.ErrorOf(new UnauthorizedAccessException()));
        Assert.Equal(2, WindowsSmbErrors.ErrorOf(new FileNotFoundException()));
        Assert.Equal(0, WindowsSmbErrors.ErrorOf(new IOException("no code")));
    }

    [Fact]
    public void Exception_NamesTheUncPathAndTheError()
    {
        var location = SmbTestClients.Location(@"\\files\share\dir\a.iso");

        var error = WindowsSmbErrors.Exception(new IOException("The specified network name is no longer available.", unchecked((int)0x80070040)), "read at offset 5 of", location);

        Assert.Equal(SmbErrorKind.ConnectionLost, error.Kind);
        Assert.Equal(64, error.NativeError);
        Assert.StartsWith(@"Could not read at offset 5 of \\files\share\dir\a.iso (ERROR_NETNAME_DELETED: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CredentialConflict_ExplainsWindowsOneUserPerServer()
    {
        var location = SmbTestClients.Location(@"\\files\share\a");

        var error = WindowsSmbErrors.Exception(WindowsSmbErrors.SessionCredentialConflict, "connect to", location);

        Assert.Contains("one user per server", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PortInTheLocation_FailsClosed()
    {
        var withPort = SmbTestClients.Location("smb://files:4450/share/a");
        var plain = SmbTestClients.Location("smb://files/share/a");

        var error = Assert.Throws<SmbException>(() => WindowsSmbPaths.File(withPort));

        Assert.Contains("port 4450", error.Message, StringComparison.Ordinal);
        Assert.Throws<SmbException>(() => WindowsSmbPaths.Share(withPort));
        Assert.Equal(@"\\files\share\a", WindowsSmbPaths.File(plain));
        Assert.Equal(@"\\files\share", WindowsSmbPaths.Share(plain));
    }
}
