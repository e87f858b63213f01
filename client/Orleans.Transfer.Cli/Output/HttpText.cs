using Orleans.Transfer.Http;

namespace Orleans.Transfer.Cli.Output;

/// <summary>The HTTP options' values as the command line writes them: lowercase names, dashes, as the options take them.</summary>
internal static class HttpText
{
    public static string Credential(AuthTarget target, AuthScheme scheme) => $"{Name(target)} {Name(scheme)}";

    public static string Name<T>(T value)
        where T : struct, Enum => value.ToString().ToLowerInvariant();

    /// <summary>The classes of certificate error as <c>--ignore-cert-errors</c> takes them.</summary>
    public static string CertificateErrors(CertificateErrors errors)
    {
        if (errors == Http.CertificateErrors.None)
        {
            return "none";
        }

        var names = new List<string>();
        AddIf(names, errors, Http.CertificateErrors.NameMismatch, "name-mismatch");
        AddIf(names, errors, Http.CertificateErrors.DateInvalid, "date");
        AddIf(names, errors, Http.CertificateErrors.UnknownAuthority, "unknown-ca");
        AddIf(names, errors, Http.CertificateErrors.WrongUsage, "wrong-usage");
        return string.Join(',', names);
    }

    private static void AddIf(List<string> names, CertificateErrors errors, CertificateErrors flag, string name)
    {
        if (errors.HasFlag(flag))
        {
            names.Add(name);
        }
    }
}
