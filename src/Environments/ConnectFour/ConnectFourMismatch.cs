namespace MuZero.Environments;

/// <summary>One position the solver scored differently from its test set.</summary>
/// <param name="Line">1-based line in the file.</param>
/// <param name="Moves">The position's moves.</param>
/// <param name="Expected">The file's score (its sign in weak mode).</param>
/// <param name="Actual">The solver's score.</param>
public sealed record ConnectFourMismatch(int Line, string Moves, int Expected, int Actual);
