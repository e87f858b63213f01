namespace Orleans.Transfer.Worker.Tests;

public sealed class TempFileNamesTests
{
    [Fact]
    public void For_AbsolutePath_IsHiddenSiblingNamedAfterJob()
    {
        var jobId = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");
        var local = Path.Combine(Path.GetTempPath(), "out", "data.iso");

        var temp = TempFileNames.For(local, jobId);

        Assert.Equal(Path.Combine(Path.GetTempPath(), "out", ".data.iso.xfer-0f8fad5bd9cb469fa16570867728950e.tmp"), temp);
    }

    [Fact]
    public void For_DirectoryPath_Throws()
    {
        Assert.Throws<ArgumentException>(() => TempFileNames.For(Path.GetTempPath(), Guid.NewGuid()));
    }
}
