namespace MuZero.Training.Configuration;

/// <summary>Greedy evaluation settings.</summary>
public sealed record EvaluationConfig
{
    /// <summary>Episodes (single-player) or games (two-player) per evaluation.</summary>
    public int Episodes { get; init; } = 100;

    /// <summary>Simulations per move at evaluation; null = the search's.</summary>
    public int? Simulations { get; init; }

    /// <summary>Two-player opponent: <c>random</c> or <c>perfect</c>.</summary>
    public string Opponent { get; init; } = "random";

    /// <summary>Updates between evaluations during training; 0 = only at the end.</summary>
    public long Interval { get; init; }
}
