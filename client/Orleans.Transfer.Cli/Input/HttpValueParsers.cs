using Orleans.Transfer.Http;

namespace Orleans.Transfer.Cli.Input;

/// <summary>Parses the values of the HTTP options the way docs/cli.md documents them.</summary>
internal static class HttpValueParsers
{
    /// <summary>An enum member by name, case-insensitive, with dashes ignored (<c>auto-detect</c>); numbers are refused.</summary>
    public static bool TryParseName<T>(string text, out T value)
        where T : struct, Enum
    {
        var name = text.Replace("-", "", StringComparison.Ordinal);
        value = default;
        return char.IsAsciiLetter(name.FirstOrDefault()) && Enum.TryParse(name, ignoreCase: true, out value) && Enum.IsDefined(value);
    }

    /// <summary><c>true</c> or <c>false</c>, case-insensitive.</summary>
    public static bool TryParseBool(string text, out bool value)
    {
        value = string.Equals(text, "true", StringComparison.OrdinalIgnoreCase);
        return value || string.Equals(text, "false", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Certificate errors to ignore: <c>none</c>, or a comma-separated list of <c>name-mismatch</c>, <c>date</c>,
    /// <c>unknown-ca</c> and <c>wrong-usage</c>.
    /// </summary>
    public static bool TryParseCertificateErrors(string text, out CertificateErrors errors)
    {
        errors = CertificateErrors.None;
        if (string.Equals(text.Trim(), "none", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        foreach (var name in text.Split(','))
        {
            CertificateErrors? error = name.Trim().ToLowerInvariant() switch
            {
                "name-mismatch" => CertificateErrors.NameMismatch,
                "date" => CertificateErrors.DateInvalid,
                "unknown-ca" => CertificateErrors.UnknownAuthority,
                "wrong-usage" => CertificateErrors.WrongUsage,
                _ => null,
            };
            if (error is null)
            {
                return false;
            }

            errors |= error.Value;
        }

        return true;
    }

    /// <summary>
    /// A download size limit in bytes with an optional K, M, G or T suffix (1024-based, as rates are written); 0, off
    /// or none remove the limit, which is 0 on the wire (<see cref="HttpOptionsUpdate.MaxDownloadBytes"/>).
    /// </summary>
    public static bool TryParseSize(string text, out long bytes)
    {
        var parsed = TransferRate.TryParse(text, out var size);
        bytes = size ?? 0;
        return parsed;
    }

    /// <summary>The names of <c>Name: value</c> header lines, for messages: never a value, which may carry a token.</summary>
    public static string NameOf(string header) =>
        HttpOptionsUpdate.TrySplitHeader(header, out var name, out _) ? name : "(not 'Name: value')";
}
