namespace MuZero.Search;

/// <summary>Settings of the Gumbel MuZero policy (Danihelka et al., 2022); the defaults are those of mctx's <c>gumbel_muzero_policy</c>.</summary>
public sealed record GumbelConfig
{
    /// <summary>Actions considered at the root by Gumbel-top-k sampling and sequential halving (k = min(this, legal actions)).</summary>
    public int MaxConsideredActions { get; init; } = 16;

    /// <summary>Scale of the root Gumbel noise in self-play (0: deterministic; evaluation never adds noise).</summary>
    public double GumbelScale { get; init; } = 1.0;

    /// <summary>sigma(q) = (maxvisit_init + max_b N(b)) value_scale q: the visit offset.</summary>
    public double MaxvisitInit { get; init; } = 50.0;

    /// <summary>sigma(q) = (maxvisit_init + max_b N(b)) value_scale q: the scale of the [0, 1]-rescaled completed Q.</summary>
    public double ValueScale { get; init; } = 0.1;
}
