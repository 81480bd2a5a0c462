namespace MuZero.Environments;

/// <summary>One line of a Connect Four test-set file: a position given by its moves, and its exact score.</summary>
/// <param name="Line">1-based line number in the file.</param>
/// <param name="Moves">The moves as written, digits 1..7.</param>
/// <param name="Position">The position the moves lead to.</param>
/// <param name="Score">The score for the player to move (convention of <see cref="ConnectFourSolver"/>).</param>
public sealed record ConnectFourScoredPosition(int Line, string Moves, ConnectFourPosition Position, int Score);
