namespace Orleans.Transfer.Notifications.Tests;

public sealed class CommandPlaceholdersTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("%state%", "Transferred")]
    [InlineData("%STATE%/%Event%", "Transferred/JobTransferred")]
    [InlineData("name=%name%", "name=a \"b\" c")]
    [InlineData("100%%", "100%")]
    [InlineData("%%id%%", "%id%")]
    [InlineData("%unknown% %PATH% 50%", "%unknown% %PATH% 50%")]
    [InlineData("%", "%")]
    [InlineData("%%%state%", "%Transferred")]
    public void Expand_ReplacesOnlyKnownPlaceholders(string argument, string expected)
    {
        var notification = Notifications.Transferred("a \"b\" c");

        Assert.Equal(expected, CommandPlaceholders.Expand(argument, notification));
    }

    [Fact]
    public void Expand_Id_IsTheJobIdNotTheEventId()
    {
        var notification = Notifications.Transferred();

        Assert.Equal($"job-{notification.JobId:D}", CommandPlaceholders.Expand("job-%id%", notification));
    }
}
