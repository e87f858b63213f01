namespace Orleans.Transfer.Tests.Costs;

/// <summary>B84's cost table: every cost state against every preset, masks, names and parsing.</summary>
public sealed class TransferPolicyTests
{
    private static readonly NetworkCostStates[] s_states =
    [
        NetworkCostStates.Unrestricted,
        NetworkCostStates.CappedUsageUnknown,
        NetworkCostStates.BelowCap,
        NetworkCostStates.NearCap,
        NetworkCostStates.OvercapCharged,
        NetworkCostStates.OvercapThrottled,
        NetworkCostStates.UsageBased,
        NetworkCostStates.Roaming,
    ];

    // Rows: the presets; columns: the states above, in order. Written out from BITS' documented masks, not computed.
    public static TheoryData<string, NetworkCostStates, bool[]> Table => new()
    {
        { "always", TransferPolicy.Always, [true, true, true, true, true, true, true, true] },
        { "not-roaming", TransferPolicy.NotRoaming, [true, true, true, true, true, true, true, false] },
        { "no-surcharge", TransferPolicy.NoSurcharge, [true, true, true, true, false, true, true, false] },
        { "standard", TransferPolicy.Standard, [true, true, true, false, false, true, true, false] },
        { "unrestricted", TransferPolicy.Unrestricted, [true, false, false, false, false, true, false, false] },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Preset_AllowsExactlyItsStates(string name, NetworkCostStates preset, bool[] allowed)
    {
        for (var i = 0; i < s_states.Length; i++)
        {
            Assert.True(allowed[i] == TransferPolicy.Allows(preset, s_states[i]), $"{name} and {s_states[i]}: expected {(allowed[i] ? "allowed" : "refused")}");
        }

        Assert.True(TransferPolicy.TryParse(name, out var parsed, out _));
        Assert.Equal(preset, parsed);
        Assert.Equal(name, TransferPolicy.Name(preset));
    }

    [Fact]
    public void Presets_HaveBitsValues()
    {
        Assert.Equal(0x800000FFu, (uint)TransferPolicy.Always);
        Assert.Equal(0x8000007Fu, (uint)TransferPolicy.NotRoaming);
        Assert.Equal(0x8000006Fu, (uint)TransferPolicy.NoSurcharge);
        Assert.Equal(0x80000067u, (uint)TransferPolicy.Standard);
        Assert.Equal(0x80000021u, (uint)TransferPolicy.Unrestricted);
    }

    [Theory]
    [InlineData(0x2u, NetworkCostStates.CappedUsageUnknown, true)]
    [InlineData(0x2u, NetworkCostStates.Unrestricted, false)]
    [InlineData(0x80u, NetworkCostStates.Roaming, true)]
    [InlineData(0x80u, NetworkCostStates.UsageBased, false)]
    [InlineData(0x5u, NetworkCostStates.BelowCap, true)]
    [InlineData(0x80000001u, NetworkCostStates.IgnoreCongestion, false)]
    public void Mask_AllowsTheStatesItHolds(uint mask, NetworkCostStates state, bool allowed) =>
        Assert.Equal(allowed, TransferPolicy.Allows((NetworkCostStates)mask, state));

    [Theory]
    [InlineData("0x80000021", 0x80000021u)]
    [InlineData("0X0000000a", 0xAu)]
    [InlineData("2147483681", 0x80000021u)]
    [InlineData(" Standard ", 0x80000067u)]
    [InlineData("NOT-ROAMING", 0x8000007Fu)]
    [InlineData("2", 0x2u)]
    public void TryParse_ReadsNamesHexAndDecimal(string text, uint expected)
    {
        Assert.True(TransferPolicy.TryParse(text, out var policy, out var error), error);
        Assert.Equal(expected, (uint)policy);
    }

    [Theory]
    [InlineData("sometimes", "not a transfer policy")]
    [InlineData("", "not a transfer policy")]
    [InlineData("0x", "not a transfer policy")]
    [InlineData("-1", "not a transfer policy")]
    [InlineData("0x100", "no cost state")]
    [InlineData("0x80000000", "allows no cost state")]
    [InlineData("0", "allows no cost state")]
    [InlineData("0x40000001", "no cost state")]
    public void TryParse_RefusesWithAReason(string text, string reason)
    {
        Assert.False(TransferPolicy.TryParse(text, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
        Assert.Contains("always, not-roaming", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Name_OfACustomMask_IsItsHex() => Assert.Equal("0x0000000A", TransferPolicy.Name((NetworkCostStates)0xA));
}
