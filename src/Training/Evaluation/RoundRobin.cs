using MuZero.Environments;
using MuZero.Training.Evaluation.Ratings;

namespace MuZero.Training.Evaluation;

/// <summary>
/// A tournament in which every player meets every other: each pair plays a match of <see cref="Evaluator.TwoPlayer(IPlayer, IPlayer, string, Func{IEnvironment}, int, ulong, int, Action{TwoPlayerResult}?, Action{IEnvironment, int}?, CancellationToken)"/>
/// with the first player alternating, game g reset with seed + g and started from opening g / 2, so both games of an
/// opening are played with the seats swapped and every pair meets the same openings.
/// </summary>
public static class RoundRobin
{
    /// <summary>
    /// Plays <paramref name="gamesPerPair"/> games between every pair of <paramref name="players"/> (named
    /// <paramref name="names"/>, in that order), pair (i, j) with i &lt; j in lexicographic order, player i moving first
    /// in the even-numbered games. <paramref name="progress"/> receives the running totals after every round of moves in
    /// which a game ended.
    /// </summary>
    /// <exception cref="ArgumentException">Fewer than two players, names and players of different counts, fewer than one game per pair or parallel game.</exception>
    public static RoundRobinResult Play(IReadOnlyList<string> names, IReadOnlyList<IPlayer> players, Func<IEnvironment> factory, int gamesPerPair, ulong seed,
        int parallelGames, RandomOpening opening, Action<RoundRobinProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(players);
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(opening);
        if (names.Count != players.Count) throw new ArgumentException($"{names.Count} names for {players.Count} players", nameof(names));
        if (gamesPerPair < 1) throw new ArgumentException($"a pair needs at least one game, got {gamesPerPair}", nameof(gamesPerPair));
        var results = new PairwiseResults(names);
        int n = players.Count, pairs = n * (n - 1) / 2, pair = 0;
        var matches = new List<PairResult>(pairs);
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++, pair++)
            {
                int before = pair * gamesPerPair;
                int current = pair;
                var result = Evaluator.TwoPlayer(players[i], players[j], names[j], factory, gamesPerPair, seed, parallelGames,
                    running => progress?.Invoke(new RoundRobinProgress(before + running.Games, pairs * gamesPerPair, current, pairs, i, j, running.Total)),
                    (environment, game) => opening.Play(environment, game / 2));
                results.Add(i, j, result.Total);
                matches.Add(new PairResult(i, j, result.AsFirst, result.AsSecond));
            }
        return new RoundRobinResult(results, matches);
    }
}
