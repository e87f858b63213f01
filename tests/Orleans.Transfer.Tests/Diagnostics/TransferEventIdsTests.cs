using System.Reflection;
using Orleans.Transfer.Diagnostics;

namespace Orleans.Transfer.Tests.Diagnostics;

public sealed class TransferEventIdsTests
{
    [Fact]
    public void EventIds_AreUniqueAcrossTheCatalogue()
    {
        var ids = typeof(TransferEventIds)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral)
            .Select(f => (Name: f.Name, Id: (int)f.GetRawConstantValue()!))
            .ToList();

        var reused = ids.GroupBy(x => x.Id).Where(g => g.Count() > 1).Select(g => $"{g.Key}: {string.Join(", ", g.Select(x => x.Name))}");
        Assert.Empty(reused);
        Assert.NotEmpty(ids);
    }
}
