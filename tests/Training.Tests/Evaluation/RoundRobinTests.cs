using MuZero.Environments;
using MuZero.Training.Evaluation;

namespace MuZero.Training.Tests.Evaluation;

public sealed class RoundRobinTests
{
    private static IEnvironment TicTacToe() => EnvironmentRegistry.Create("tictactoe");

    private static IPlayer Reference(string spec, ulong seed) => new OpponentPlayer(OpponentRegistry.Create(spec, "tictactoe", seed));

    /// <summary>Plays the lowest legal move and records the board of every position it sees after exactly <c>plies</c> moves.</summary>
    private sealed class FirstLegalMovePlayer(int plies) : IPlayer
    {
        public List<string> OpeningsSeen { get; } = [];

        public void SelectActions(IReadOnlyList<IEnvironment> environments, Span<int> actions)
        {
            for (int i = 0; i < environments.Count; i++)
            {
                var game = (IBoardGame)environments[i];
                if (game.StepCount == plies) OpeningsSeen.Add(game.Diagram);
                actions[i] = Enumerable.Range(0, game.Spec.ActionCount).First(game.IsLegal);
            }
        }
    }

    [Fact]
    public void EveryPairPlaysItsGamesWithSeatsSplitEvenly()
    {
        string[] names = ["random", "perfect", "alphabeta:1"];
        IPlayer[] players = [Reference("random", 1), Reference("perfect", 2), Reference("alphabeta:1", 3)];
        var progress = new List<RoundRobinProgress>();
        var result = RoundRobin.Play(names, players, TicTacToe, gamesPerPair: 10, seed: 4, parallelGames: 3, new RandomOpening(0, 4), progress.Add);

        Assert.Equal([(0, 1), (0, 2), (1, 2)], result.Matches.Select(m => (m.Player, m.Opponent)));
        foreach (var match in result.Matches)
        {
            Assert.Equal(5, match.AsFirst.Games);
            Assert.Equal(5, match.AsSecond.Games);
            Assert.Equal(match.Total, result.Results[match.Player, match.Opponent]);
        }
        for (int i = 0; i < 3; i++) Assert.Equal(20, result.Results.Total(i).Games);
        // Without openings the perfect player never loses, and random never beats it.
        Assert.Equal(0, result.Results[1, 0].Losses + result.Results[1, 2].Losses);
        Assert.True(result.Results[1, 0].Wins > 5);
        // Progress counts up to the whole tournament and names the pair in play.
        Assert.Equal(30, progress[^1].GamesDone);
        Assert.Equal(30, progress[^1].TotalGames);
        Assert.Equal((2, 1, 2), (progress[^1].Pair, progress[^1].Player, progress[^1].Opponent));
        Assert.True(progress.Zip(progress.Skip(1)).All(p => p.First.GamesDone <= p.Second.GamesDone));
    }

    [Fact]
    public void EveryPairMeetsTheSameOpeningsFromBothSeats()
    {
        // Two games per pair: one opening, played with each player first. Deterministic players therefore see the
        // opening exactly when they move first in it, and every player of every pair sees the same one.
        var players = new[] { new FirstLegalMovePlayer(2), new FirstLegalMovePlayer(2), new FirstLegalMovePlayer(2) };
        RoundRobin.Play(["a", "b", "c"], players, TicTacToe, gamesPerPair: 2, seed: 7, parallelGames: 2, new RandomOpening(2, 7));
        Assert.All(players, p => Assert.Equal(2, p.OpeningsSeen.Count)); // two pairs each, first once per pair
        string opening = players[0].OpeningsSeen[0];
        Assert.All(players.SelectMany(p => p.OpeningsSeen), seen => Assert.Equal(opening, seen));
        Assert.Equal(1, opening.Count(ch => ch == 'X'));
        Assert.Equal(1, opening.Count(ch => ch == 'O'));

        // More games: the openings vary from game pair to game pair, and a seed repeats them.
        var again = new[] { new FirstLegalMovePlayer(2), new FirstLegalMovePlayer(2) };
        var first = RoundRobin.Play(["a", "b"], again, TicTacToe, gamesPerPair: 40, seed: 7, parallelGames: 8, new RandomOpening(2, 7));
        Assert.True(again[0].OpeningsSeen.Distinct().Count() > 5);
        Assert.Equal(again[0].OpeningsSeen.Order(), again[1].OpeningsSeen.Order());
        var repeat = RoundRobin.Play(["a", "b"], [new FirstLegalMovePlayer(2), new FirstLegalMovePlayer(2)], TicTacToe, 40, 7, 8, new RandomOpening(2, 7));
        Assert.Equal(first.Results[0, 1], repeat.Results[0, 1]);
    }

    [Fact]
    public void BadArgumentsAreRefused()
    {
        IPlayer[] two = [Reference("random", 1), Reference("random", 2)];
        Assert.Throws<ArgumentException>(() => RoundRobin.Play(["a"], two, TicTacToe, 2, 0, 1, new RandomOpening(0, 0)));
        Assert.Throws<ArgumentException>(() => RoundRobin.Play(["a", "b"], two, TicTacToe, 0, 0, 1, new RandomOpening(0, 0)));
        Assert.Throws<ArgumentException>(() => RoundRobin.Play(["a", "a"], two, TicTacToe, 2, 0, 1, new RandomOpening(0, 0)));
    }
}
