namespace Orleans.Transfer.Chaos;

/// <summary>How hard the chaos run pushes: <see cref="Bounded"/> fits the CI budget, <see cref="Full"/> is the full form.</summary>
public enum ChaosForm
{
    Bounded = 0,
    Full = 1,
}
