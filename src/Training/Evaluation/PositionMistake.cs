using System.Text.Json.Serialization;

namespace MuZero.Training.Evaluation;

/// <summary>
/// One test position where the agent's move had a worse outcome class than the best move. Outcomes are for the player
/// to move with best play afterwards: 1 win, 0 draw, -1 loss.
/// </summary>
/// <param name="Line">1-based line of the test-set file.</param>
/// <param name="Moves">The position as the file writes it (columns 1..7 from the empty board).</param>
/// <param name="Column">The agent's move, a column 1..7 as the file's moves write them.</param>
/// <param name="Outcome">The outcome the agent's move leads to.</param>
/// <param name="BestOutcome">The outcome of the best move (of the position).</param>
public sealed record PositionMistake(
    [property: JsonPropertyName("line")] int Line,
    [property: JsonPropertyName("moves")] string Moves,
    [property: JsonPropertyName("column")] int Column,
    [property: JsonPropertyName("outcome")] int Outcome,
    [property: JsonPropertyName("best_outcome")] int BestOutcome);
