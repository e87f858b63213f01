using Xunit.Abstractions;
using Xunit.Sdk;

namespace Orleans.Transfer.Chaos;

/// <summary>
/// Writes to the test output and as an xunit diagnostic message (shown by <c>dotnet test</c> with
/// diagnosticMessages on), so seeds and summaries reach CI logs even when the test passes.
/// </summary>
public sealed class ChaosLog(ITestOutputHelper output, IMessageSink diagnostics)
{
    public void Line(string line)
    {
        output.WriteLine(line);
        diagnostics.OnMessage(new DiagnosticMessage(line));
    }
}
