using System.Diagnostics;
using MuZero.Environments;

namespace MuZero.Training.Evaluation;

/// <summary>
/// Checks an agent's moves on a Connect Four test set (<see cref="ConnectFourTestSet"/>) with the exact solver: in each
/// position the agent moves once (many positions searched in one batch), and the move is a mistake when its outcome
/// class (win / draw / loss, <see cref="ConnectFourSolveMode.Weak"/>) is worse than the best legal move's.
/// </summary>
/// <remarks>
/// Per position the solver runs twice: on the position, for the best class (which must agree with the sign of the file's
/// score, so a corrupt file cannot pass unnoticed), and on the position after the agent's move (none when that move wins
/// at once). That is cheaper than scoring all seven moves and decides exactly the same: the position's class is its best
/// move's class.
/// </remarks>
public static class ConnectFourPositionEvaluation
{
    /// <summary>
    /// Lets <paramref name="agent"/> move in each of the first <paramref name="limit"/> (null: all) positions of
    /// <paramref name="set"/>, <paramref name="batchSize"/> positions per call, and counts its mistakes with
    /// <paramref name="solver"/>. <paramref name="progress"/> gets the positions done after each batch.
    /// </summary>
    /// <exception cref="FormatException">The file's score of a position disagrees with the solver's outcome (message: path:line, expected vs got).</exception>
    /// <exception cref="InvalidOperationException">The agent chose an illegal move.</exception>
    public static PositionSetResult Run(IPlayer agent, ConnectFourTestSet set, ConnectFourSolver solver, int batchSize, int? limit = null, Action<int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(agent);
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(solver);
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "At least one position per batch.");
        if (limit is < 1) throw new ArgumentOutOfRangeException(nameof(limit), limit, "At least one position.");
        var clock = Stopwatch.StartNew();
        int total = Math.Min(limit ?? int.MaxValue, set.Positions.Count);
        var games = new IEnvironment[Math.Min(batchSize, total)];
        for (int i = 0; i < games.Length; i++) games[i] = new ConnectFour();
        var actions = new int[games.Length];
        var mistakes = new List<PositionMistake>();
        for (int start = 0; start < total; start += games.Length)
        {
            int count = Math.Min(games.Length, total - start);
            for (int i = 0; i < count; i++) SetUp((ConnectFour)games[i], set.Positions[start + i].Moves);
            agent.SelectActions(new ArraySegment<IEnvironment>(games, 0, count), actions.AsSpan(0, count));
            for (int i = 0; i < count; i++)
            {
                if (Check(set, set.Positions[start + i], actions[i], solver) is { } mistake) mistakes.Add(mistake);
            }
            progress?.Invoke(start + count);
        }
        return new PositionSetResult { Set = set.Name, Path = set.Path, Positions = total, Seconds = clock.Elapsed.TotalSeconds, MistakeList = mistakes };
    }

    /// <summary>The outcome class's name as this report's messages write it.</summary>
    public static string OutcomeName(int outcome) => outcome switch { > 0 => "win", 0 => "draw", _ => "loss" };

    private static void SetUp(ConnectFour game, string moves)
    {
        game.Reset(0);
        foreach (char digit in moves) game.Step(digit - '1');
    }

    /// <summary>The mistake in <paramref name="entry"/> when <paramref name="column"/> (0..6) is one, else null.</summary>
    private static PositionMistake? Check(ConnectFourTestSet set, ConnectFourScoredPosition entry, int column, ConnectFourSolver solver)
    {
        var position = entry.Position;
        if (!position.CanPlay(column))
            throw new InvalidOperationException($"{set.Path}:{entry.Line}: the agent chose column {column + 1}, which is not a legal move in '{entry.Moves}'");
        int best = solver.Solve(position, ConnectFourSolveMode.Weak);
        int expected = Math.Sign(entry.Score);
        if (best != expected)
            throw new FormatException($"{set.Path}:{entry.Line}: score {entry.Score} of '{entry.Moves}' says a {OutcomeName(expected)} for the player to move, but the solver finds a {OutcomeName(best)}");
        int outcome = position.IsWinningMove(column) ? 1 : -solver.Solve(position.Play(column), ConnectFourSolveMode.Weak);
        return outcome < best ? new PositionMistake(entry.Line, entry.Moves, column + 1, outcome, best) : null;
    }
}
