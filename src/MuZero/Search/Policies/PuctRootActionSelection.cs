using MuZero.Randomness;

namespace MuZero.Search.Policies;

/// <summary>
/// MuZero at the root: Dirichlet(alpha) noise mixed into the legal actions' priors, P = (1 - f) P + f noise
/// (self-play); pUCT over the legal actions; after the search, the visit distribution as the action weights
/// and an action sampled from N(a)^(1/T) (<see cref="ActionSelection"/>; the most visited at T = 0).
/// </summary>
public sealed class PuctRootActionSelection : IRootActionSelection
{
    private readonly double _pbCInit;
    private readonly double _pbCBase;
    private readonly double _dirichletAlpha;
    private readonly double _explorationFraction;
    private readonly float[] _noise;

    /// <summary>pUCT c1.</summary>
    public double PbCInit => _pbCInit;

    /// <summary>pUCT c2.</summary>
    public double PbCBase => _pbCBase;

    /// <summary>Creates the rule with pUCT constants and root noise of <paramref name="config"/>.</summary>
    public PuctRootActionSelection(SearchConfig config, int actionCount)
    {
        ArgumentNullException.ThrowIfNull(config);
        _pbCInit = config.PbCInit;
        _pbCBase = config.PbCBase;
        _dirichletAlpha = config.DirichletAlpha;
        _explorationFraction = config.ExplorationFraction;
        _noise = new float[actionCount];
    }

    /// <summary>Draws Dirichlet noise over the legal actions (one gamma variable each, in action order) into the root priors.</summary>
    public void Begin(SearchTree tree, int game, bool addNoise, Xoshiro256 rng)
    {
        if (!addNoise) return;
        ReadOnlySpan<bool> legal = tree.RootLegalActions(game);
        Span<float> prior = tree.Prior.AsSpan(tree.EdgeIndex(game, 0), tree.ActionCount);
        int legalCount = 0;
        foreach (bool isLegal in legal) if (isLegal) legalCount++;
        Span<float> noise = _noise.AsSpan(0, legalCount);
        rng.NextDirichlet(_dirichletAlpha, noise);
        double fraction = _explorationFraction;
        int k = 0;
        for (int a = 0; a < prior.Length; a++)
        {
            if (!legal[a]) continue;
            prior[a] = (float)((1 - fraction) * prior[a] + fraction * noise[k++]);
        }
    }

    /// <inheritdoc />
    public int Select(SearchTree tree, int game, int simulation, Span<double> q) =>
        Puct.Select(tree, game, 0, q, tree.RootLegalActions(game), _pbCInit, _pbCBase);

    /// <inheritdoc />
    public int Decide(SearchTree tree, int game, ReadOnlySpan<int> visits, Span<double> q, double temperature, Xoshiro256 rng, Span<float> actionWeights)
    {
        SearchResult.VisitDistribution(visits, actionWeights);
        return ActionSelection.SelectAction(visits, temperature, rng);
    }
}
