namespace MuZero.Training.Configuration;

/// <summary>How the actor plays its games.</summary>
public sealed record SelfPlayConfig
{
    /// <summary>Games searched and stepped in lockstep (the search batch B).</summary>
    public int ParallelGames { get; init; } = 16;

    /// <summary>Visit-count temperature by training step (the muzero policy samples its move with it; gumbel_muzero plays its sequential-halving winner and ignores it).</summary>
    public IReadOnlyList<TemperatureStep> Temperature { get; init; } = [new TemperatureStep { Value = 1.0 }];

    /// <summary>From this move number of an episode on, moves are greedy (board games); null = never.</summary>
    public int? GreedyAfterMove { get; init; }

    /// <summary>
    /// Self-play episodes longer than this are cut, as a truncation (value targets bootstrap past the cut), for games
    /// with no time limit of their own (MinAtar: a good Breakout agent can play forever); null = no cap.
    /// </summary>
    public int? MaxEpisodeSteps { get; init; }

    /// <summary>The actor's network copies the learner's weights every this many updates.</summary>
    public int WeightsRefreshInterval { get; init; } = 50;

    /// <summary>The temperature at <paramref name="trainingStep"/> and move <paramref name="move"/> of an episode.</summary>
    public double TemperatureAt(long trainingStep, int move)
    {
        if (GreedyAfterMove is int greedy && move >= greedy) return 0;
        foreach (var step in Temperature)
            if (trainingStep < step.UntilStep) return step.Value;
        return Temperature[^1].Value;
    }
}
