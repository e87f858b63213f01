namespace Orleans.Transfer.Cli.Output;

/// <summary>How <c>transfer</c> and <c>job watch</c> show progress.</summary>
internal enum ProgressMode
{
    /// <summary>One bar redrawn in place on the terminal (stderr).</summary>
    Bar,

    /// <summary>Plain lines on stderr, at most one per <see cref="ProgressView.LineInterval"/> plus every state change.</summary>
    Lines,

    /// <summary>One JSON object per update on stdout (<c>--format json</c>).</summary>
    Json,

    /// <summary>Nothing (<c>--quiet</c>); errors and the final result are still printed.</summary>
    Quiet,
}
