using MuZero.Randomness;

namespace MuZero.Benchmarks;

/// <summary>
/// Model outputs for a whole search of B games and S simulations, drawn once (values and rewards in [-1, 1], priors
/// normalized), so that a benchmark times the tree work alone: no network, no random numbers in the timed loop.
/// </summary>
internal sealed class SyntheticSearch
{
    public SyntheticSearch(int batch, int simulations, int actions, ulong seed)
    {
        Batch = batch;
        Simulations = simulations;
        Actions = actions;
        var rng = new Xoshiro256(seed);
        Values = new float[(simulations + 1) * batch];
        Rewards = new float[(simulations + 1) * batch];
        Priors = new float[(simulations + 1) * batch * actions];
        for (int i = 0; i < Values.Length; i++)
        {
            Values[i] = (float)(2 * rng.NextDouble() - 1);
            Rewards[i] = (float)(2 * rng.NextDouble() - 1);
        }
        for (int row = 0; row < (simulations + 1) * batch; row++)
        {
            Span<float> p = Priors.AsSpan(row * actions, actions);
            double sum = 0;
            for (int a = 0; a < actions; a++) sum += p[a] = (float)(rng.NextDouble() + 0.01);
            for (int a = 0; a < actions; a++) p[a] = (float)(p[a] / sum);
        }
        Legal = new bool[batch * actions];
        Legal.AsSpan().Fill(true);
    }

    public int Batch { get; }

    public int Simulations { get; }

    public int Actions { get; }

    /// <summary>[(S + 1) * B]: row s is what simulation s (0 = the roots) gets back for each game.</summary>
    public float[] Values { get; }

    /// <summary>[(S + 1) * B].</summary>
    public float[] Rewards { get; }

    /// <summary>[(S + 1) * B * A].</summary>
    public float[] Priors { get; }

    /// <summary>[B * A], all legal.</summary>
    public bool[] Legal { get; }

    public ReadOnlySpan<float> PriorRow(int simulation, int game) => Priors.AsSpan((simulation * Batch + game) * Actions, Actions);
}
