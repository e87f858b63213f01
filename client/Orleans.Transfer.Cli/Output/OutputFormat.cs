namespace Orleans.Transfer.Cli.Output;

/// <summary>How <c>job list</c> and <c>job info</c> print.</summary>
internal enum OutputFormat
{
    /// <summary>An aligned text table for people.</summary>
    Table,

    /// <summary>camelCase JSON on stdout, for scripts.</summary>
    Json,
}
