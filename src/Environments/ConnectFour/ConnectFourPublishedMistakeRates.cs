namespace MuZero.Environments;

/// <summary>
/// Published mistake rates of reference players on one of Pons' six Connect Four test sets: the share of positions in
/// which the player's move has a worse outcome class (win / draw / loss) than the best move, in percent. Read off the
/// plot of AlphaZero.jl's Connect Four tutorial (github.com/jonathan-laurent/AlphaZero.jl, "Pons benchmark"; as
/// tests/data/connect4/README's source lists them), so each value is approximate (about ±0.5 points).
/// </summary>
/// <param name="Set">The test-set file name, e.g. <c>Test_L3_R1</c>.</param>
/// <param name="MinimaxDepth5Percent">A depth-5 minimax with a simple heuristic.</param>
/// <param name="AlphaZeroJlPercent">AlphaZero.jl's agent after 15 iterations (600 simulations per move).</param>
public sealed record ConnectFourPublishedMistakeRates(string Set, double MinimaxDepth5Percent, double AlphaZeroJlPercent)
{
    /// <summary>The six sets, in the order of the data README's table (end, middle, beginning).</summary>
    public static IReadOnlyList<ConnectFourPublishedMistakeRates> All { get; } =
    [
        new("Test_L3_R1", 1.4, 0),
        new("Test_L2_R1", 0.7, 0),
        new("Test_L2_R2", 9.2, 2.5),
        new("Test_L1_R1", 1.7, 0),
        new("Test_L1_R2", 7.3, 2),
        new("Test_L1_R3", 23.5, 7),
    ];

    /// <summary>The published rates for the set named <paramref name="set"/> (file name), or null for another file.</summary>
    public static ConnectFourPublishedMistakeRates? Find(string set) => All.FirstOrDefault(r => string.Equals(r.Set, set, StringComparison.Ordinal));
}
