namespace MuZero.Environments.Tests;

public sealed class PerfectConnectFourPlayerTests
{
    // 2^20 slots (8 MiB): ample for middle and end games, and quick to allocate.
    private const int TableBits = 20;

    [Fact]
    public void FromWonPositionsItWinsAndFromDrawnOnesItNeverLoses()
    {
        // Positions of the middle-game set with the perfect player to move, against the strongest resistance there is
        // (another perfect player) and against random moves.
        var positions = TestSets.Load("Test_L2_R1").Positions.Where(p => p.Score >= 0).Take(40).ToList();
        Assert.Contains(positions, p => p.Score == 0);
        var perfect = new PerfectConnectFourPlayer(1, openings: null, TableBits);
        var opponents = new IOpponent[] { new PerfectConnectFourPlayer(2, openings: null, TableBits), new RandomOpponent(3) };
        var failures = new List<string>();
        foreach (var entry in positions)
        {
            foreach (var opponent in opponents)
            {
                var game = GameAt(entry.Moves);
                int perfectSide = game.ToPlay;
                while (!game.IsOver) game.Step(game.ToPlay == perfectSide ? perfect.SelectAction(game) : opponent.SelectAction(game));
                bool ok = entry.Score > 0 ? game.Winner == perfectSide : game.Winner != 1 - perfectSide;
                if (!ok) failures.Add($"line {entry.Line} '{entry.Moves}' (score {entry.Score}) vs {opponent.Name}: winner {game.Winner?.ToString() ?? "none"}");
            }
        }
        Assert.True(failures.Count == 0, string.Join("; ", failures));
    }

    [Fact]
    public void ItPicksOnlyMovesOfTheBestClassAndEachOfThemSometimes()
    {
        // The classes come from a separate solver in strong mode (sign of the exact score), not from the player's own.
        var reference = new ConnectFourSolver(TableBits);
        var positions = TestSets.Load("Test_L3_R1").Positions.Take(60).Concat(TestSets.Load("Test_L2_R1").Positions.Take(40)).ToList();
        var player = new PerfectConnectFourPlayer(7, openings: null, TableBits);
        int positionsWithChoice = 0;
        foreach (var entry in positions)
        {
            int[] classes = [.. reference.ScoreMoves(entry.Position).Select(s => s == ConnectFourSolver.NotPlayable ? int.MinValue : Math.Sign(s))];
            int best = classes.Max();
            Assert.Equal(Math.Sign(entry.Score), best);
            var chosen = new HashSet<int>();
            var game = GameAt(entry.Moves);
            for (int i = 0; i < 30; i++) chosen.Add(player.SelectAction(game));
            var bestColumns = Enumerable.Range(0, 7).Where(c => classes[c] == best).ToHashSet();
            Assert.True(chosen.IsSubsetOf(bestColumns), $"line {entry.Line} '{entry.Moves}': chose {string.Join(",", chosen)}, best {string.Join(",", bestColumns)}");
            // Uniform among them: with 30 draws each of at most 7 columns turns up (each is missed with probability <= (6/7)^30 = 1%;
            // the seeds are fixed, so this is deterministic).
            Assert.True(chosen.SetEquals(bestColumns), $"line {entry.Line} '{entry.Moves}': chose only {string.Join(",", chosen)} of {string.Join(",", bestColumns)}");
            if (bestColumns.Count > 1) positionsWithChoice++;
        }
        Assert.True(positionsWithChoice >= 20, $"only {positionsWithChoice} positions had several best moves");
    }

    [Fact]
    public void TheRegistrysPlayerOpensInTheCentreAndAnswersFromTheTable()
    {
        var player = Assert.IsType<PerfectConnectFourPlayer>(OpponentRegistry.Create("perfect", "connect4", 5));
        Assert.Equal("perfect", player.Name);
        var game = new ConnectFour();
        for (int i = 0; i < 20; i++) Assert.Equal(3, player.SelectAction(game)); // the only winning first move
        // After an opening in the centre every reply loses, so all seven are equally good.
        game.Step(3);
        var replies = new HashSet<int>();
        for (int i = 0; i < 60; i++) replies.Add(player.SelectAction(game));
        Assert.Equal(7, replies.Count);
        Span<int> outcomes = stackalloc int[7];
        player.ScoreMoves(ConnectFourPosition.Parse("4"), outcomes);
        Assert.Equal([-1, -1, -1, -1, -1, -1, -1], outcomes.ToArray());
    }

    [Fact]
    public void ItRefusesOtherGamesAndFinishedOnes()
    {
        var player = new PerfectConnectFourPlayer(1, openings: null, 10);
        Assert.Throws<ArgumentException>(() => player.SelectAction(new TicTacToe()));
        var won = ConnectFour.FromMoves(0, 1, 0, 1, 0, 1, 0);
        Assert.True(won.IsOver);
        Assert.Throws<InvalidOperationException>(() => player.SelectAction(won));
    }

    private static ConnectFour GameAt(string moves) => ConnectFour.FromMoves([.. moves.Select(c => c - '1')]);
}
