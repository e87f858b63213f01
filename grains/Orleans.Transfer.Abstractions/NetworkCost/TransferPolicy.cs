using System.Globalization;

namespace Orleans.Transfer;

/// <summary>
/// BITS' transfer policy (B84): a mask of the <see cref="NetworkCostStates"/> a job may transfer in, with BITS' five
/// presets and their names (<c>always</c>, <c>not-roaming</c>, <c>no-surcharge</c>, <c>standard</c>,
/// <c>unrestricted</c>). The one place that decides whether a policy allows a cost: <see cref="Allows"/>.
/// </summary>
public static class TransferPolicy
{
    /// <summary>BITS_JOB_TRANSFER_POLICY_ALWAYS: every cost state; BITS' default and ours.</summary>
    public const NetworkCostStates Always = (NetworkCostStates)0x800000FF;

    /// <summary>BITS_JOB_TRANSFER_POLICY_NOT_ROAMING: every state but roaming.</summary>
    public const NetworkCostStates NotRoaming = (NetworkCostStates)0x8000007F;

    /// <summary>BITS_JOB_TRANSFER_POLICY_NO_SURCHARGE: not roaming, not over the cap and charged for it.</summary>
    public const NetworkCostStates NoSurcharge = (NetworkCostStates)0x8000006F;

    /// <summary>BITS_JOB_TRANSFER_POLICY_STANDARD: unrestricted, a cap of unknown use, below the cap, over it but throttled.</summary>
    public const NetworkCostStates Standard = (NetworkCostStates)0x80000067;

    /// <summary>BITS_JOB_TRANSFER_POLICY_UNRESTRICTED: only unrestricted networks (or throttled ones, which cost nothing more).</summary>
    public const NetworkCostStates Unrestricted = (NetworkCostStates)0x80000021;

    /// <summary>The bits a policy may hold: the eight cost states and BITS' ignore-congestion option.</summary>
    public const NetworkCostStates ValidBits = (NetworkCostStates)0x800000FF;

    /// <summary>What <see cref="TryParse"/> accepts, for messages and help.</summary>
    public const string Syntax = "always, not-roaming, no-surcharge, standard, unrestricted, or a mask such as 0x80000021";

    private static readonly (string Name, NetworkCostStates Policy)[] s_presets =
    [
        ("always", Always),
        ("not-roaming", NotRoaming),
        ("no-surcharge", NoSurcharge),
        ("standard", Standard),
        ("unrestricted", Unrestricted),
    ];

    /// <summary>The five presets by name, in BITS' order.</summary>
    public static IReadOnlyList<(string Name, NetworkCostStates Policy)> Presets => s_presets;

    /// <summary>B84: a job may transfer while its policy holds the network's current cost state.</summary>
    public static bool Allows(NetworkCostStates policy, NetworkCostStates state) => (policy & state & ~NetworkCostStates.IgnoreCongestion) != 0;

    /// <summary>The preset's name, or the mask in hex (<c>0x8000000F</c>).</summary>
    public static string Name(NetworkCostStates policy)
    {
        foreach (var (name, preset) in s_presets)
        {
            if (preset == policy)
            {
                return name;
            }
        }

        return "0x" + ((uint)policy).ToString("X8", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Reads a preset name (any case) or a mask in hex (<c>0x...</c>) or decimal. A mask must hold at least one cost
    /// state (none would never transfer) and no bit BITS does not define; <paramref name="error"/> says which and why.
    /// </summary>
    public static bool TryParse(string? text, out NetworkCostStates policy, out string? error)
    {
        policy = NetworkCostStates.None;
        var value = text?.Trim() ?? "";
        foreach (var (name, preset) in s_presets)
        {
            if (string.Equals(name, value, StringComparison.OrdinalIgnoreCase))
            {
                policy = preset;
                error = null;
                return true;
            }
        }

        var parsed = value.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? uint.TryParse(value.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var mask)
            : uint.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out mask);
        if (!parsed)
        {
            error = $"'{text}' is not a transfer policy; use {Syntax}.";
            return false;
        }

        error = Check((NetworkCostStates)mask);
        policy = error is null ? (NetworkCostStates)mask : NetworkCostStates.None;
        return error is null;
    }

    /// <summary>Why <paramref name="policy"/> cannot be a job's policy, or null when it can.</summary>
    public static string? Check(NetworkCostStates policy)
    {
        if ((policy & ~ValidBits) != 0)
        {
            return $"The transfer policy 0x{(uint)policy:X8} holds bits that are no cost state (valid: 0x{(uint)ValidBits:X8}); use {Syntax}.";
        }

        return (policy & ~NetworkCostStates.IgnoreCongestion) == 0
            ? $"The transfer policy 0x{(uint)policy:X8} allows no cost state, so the job would never transfer; use {Syntax}."
            : null;
    }
}
