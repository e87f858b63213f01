namespace Orleans.Transfer.Cli.Output;

/// <summary>The <c>--format</c> of <c>transfer</c> and <c>job watch</c>.</summary>
internal enum ProgressFormat
{
    /// <summary>A bar on a terminal, plain lines otherwise, on stderr.</summary>
    Text,

    /// <summary>One camelCase JSON object per line on stdout, for scripts.</summary>
    Json,
}
