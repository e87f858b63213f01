namespace Orleans.Transfer.TestOrigin;

/// <summary>
/// The fault <paramref name="Plan"/> chose for one response. A body fault strikes after <paramref name="Fraction"/> of
/// the response's body; <paramref name="NewSeed"/> is the content a <see cref="ChaosFault.ChangeContent"/> switches to.
/// </summary>
internal sealed record ChaosDecision(FaultPlan Plan, ChaosFault Fault, double Fraction, int NewSeed)
{
    public bool IsBodyFault => Fault is ChaosFault.Reset or ChaosFault.Stall or ChaosFault.Truncate or ChaosFault.ChangeContent;
}
