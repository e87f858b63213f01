using System.CommandLine;
using System.CommandLine.Parsing;

namespace Orleans.Transfer.Cli.Input;

/// <summary>
/// <c>--sha256 HEX</c> and <c>--sha512 HEX</c>: the expected digest of one file to download (docs/integrity.md). The
/// service checks it too and is authoritative; the check here only turns a typo into a usage error at once.
/// </summary>
internal sealed class DigestOptions
{
    private readonly Option<ContentDigest?> _sha256 = Create("--sha256", DigestAlgorithm.Sha256);

    private readonly Option<ContentDigest?> _sha512 = Create("--sha512", DigestAlgorithm.Sha512);

    public void AddTo(Command command)
    {
        command.Add(_sha256);
        command.Add(_sha512);
    }

    /// <summary>The digest given, or null; throws a usage error when both are.</summary>
    public ContentDigest? Digest(ParseResult parseResult)
    {
        var sha256 = parseResult.GetValue(_sha256);
        var sha512 = parseResult.GetValue(_sha512);
        if (sha256 is not null && sha512 is not null)
        {
            throw new UsageException("--sha256 and --sha512: give one expected digest per file.");
        }

        return sha256 ?? sha512;
    }

    private static Option<ContentDigest?> Create(string name, DigestAlgorithm algorithm) => new(name)
    {
        Description = $"The file's expected {ContentDigest.NameOf(algorithm)} digest in hex: it completes only if its bytes match "
            + "(whole-file downloads only).",
        HelpName = "hex",
        CustomParser = result => Parse(result, name, algorithm),
    };

    private static ContentDigest? Parse(ArgumentResult result, string name, DigestAlgorithm algorithm)
    {
        var digest = new ContentDigest(algorithm, result.Tokens[0].Value.Trim());
        if (digest.Problem() is { } problem)
        {
            result.AddError($"{name}: {problem}");
            return null;
        }

        return digest.Normalized();
    }
}
