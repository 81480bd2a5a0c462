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

    /// <summary>
    /// Single-player evaluation episodes are cut after this many steps, their return so far counted (a lower bound of
    /// the full return; reports say how many were cut); null = no cap, which an agent that never loses never ends.
    /// </summary>
    public int? MaxEpisodeSteps { get; init; }

    /// <summary>Updates between evaluations during training; 0 = only at the end.</summary>
    public long Interval { get; init; }

    /// <summary>A result that ends the run at the first evaluation reaching it; null = train the whole budget.</summary>
    public EvaluationGoal? StopAt { get; init; }
}
