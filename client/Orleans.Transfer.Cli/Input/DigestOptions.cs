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

    /// <summary>Refuses these options together with <paramref name="input"/>: listed files take their digests from the list.</summary>
    public void RejectWith(Command command, Option<string?> input) =>
        command.Validators.Add(result =>
        {
            if (result.GetResult(input) is not null && (result.GetResult(_sha256) ?? result.GetResult(_sha512)) is { } given)
            {
                result.AddError($"{given.Option.Name} and -i cannot be combined: a digest is of one file; "
                    + "give each listed file's digest in the list's third column.");
            }
        });

    /// <summary>
    /// <paramref name="hex"/> as a digest of <paramref name="algorithm"/>, in lower case; or null, and why it cannot be one
    /// in <paramref name="problem"/>.
    /// </summary>
    public static ContentDigest? TryCreate(DigestAlgorithm algorithm, string hex, out string? problem)
    {
        var digest = new ContentDigest(algorithm, hex.Trim());
        problem = digest.Problem();
        return problem is null ? digest.Normalized() : null;
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
        var digest = TryCreate(algorithm, result.Tokens[0].Value, out var problem);
        if (problem is not null)
        {
            result.AddError($"{name}: {problem}");
        }

        return digest;
    }
}
