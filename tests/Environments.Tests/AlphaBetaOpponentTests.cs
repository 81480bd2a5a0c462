namespace MuZero.Environments.Tests;

public sealed class AlphaBetaOpponentTests
{
    /// <summary>The moves <c>alphabeta:DEPTH</c> picks in <paramref name="game"/> over many seeds (the game itself is never changed).</summary>
    private static SortedSet<int> Choices(IBoardGame game, int depth, int seeds = 16)
    {
        string before = game.Diagram;
        var chosen = new SortedSet<int>();
        for (ulong seed = 0; seed < (ulong)seeds; seed++) chosen.Add(new AlphaBetaOpponent(depth, seed).SelectAction(game));
        Assert.Equal(before, game.Diagram);
        return chosen;
    }

    [Fact]
    public void TicTacToeTakesTheWinRatherThanBlocking()
    {
        // X can win at 2; O threatens 5.
        Assert.Equal([2], Choices(TicTacToe.FromPosition("XX./OO./X.O"), depth: 1));
    }

    [Fact]
    public void TicTacToeBlocksTheImmediateThreat()
    {
        // O threatens 5 (row 3 4 5); X has no win of its own.
        Assert.Equal([5], Choices(TicTacToe.FromPosition("X../OO./X.."), depth: 2));
    }

    [Fact]
    public void TicTacToeFindsBothForksThatWinInTwo()
    {
        // X at 0 and 2, O at 1 and 3: X at 4 threatens 6 and 8, X at 8 threatens 4 and 5; nothing else wins by force.
        Assert.Equal([4, 8], Choices(TicTacToe.FromPosition("XOX/O../..."), depth: 3));
    }

    [Fact]
    public void TicTacToeAtFullDepthNeverLosesToThePerfectPlayer()
    {
        for (ulong seed = 0; seed < 10; seed++)
        {
            var alphaBeta = new AlphaBetaOpponent(9, seed);
            var perfect = new PerfectTicTacToePlayer(seed + 100);
            var game = new TicTacToe();
            int alphaBetaPlayer = (int)(seed % 2);
            while (!game.IsOver) game.Step(game.ToPlay == alphaBetaPlayer ? alphaBeta.SelectAction(game) : perfect.SelectAction(game));
            Assert.True(game.IsDraw, $"game {seed}: {game}");
        }
    }

    [Fact]
    public void ConnectFourTakesTheWinRatherThanBlocking()
    {
        // X has columns 1 2 3 on the bottom row and wins in column 4; O threatens column 7 (three stacked).
        Assert.Equal([3], Choices(ConnectFour.FromMoves(0, 6, 1, 6, 2, 6), depth: 1));
    }

    [Fact]
    public void ConnectFourBlocksTheImmediateThreat()
    {
        // O to move; X threatens column 4 on the bottom row.
        Assert.Equal([3], Choices(ConnectFour.FromMoves(0, 6, 1, 6, 2), depth: 2));
    }

    [Fact]
    public void ConnectFourFindsBothOpenThreesThatWinInTwo()
    {
        // X holds columns 3 and 4 of the bottom row (O sits on top): X in column 2 or 5 makes three with both ends
        // open, and O can close only one.
        var game = ConnectFour.FromMoves(2, 2, 3, 3);
        var chosen = Choices(game, depth: 3);
        Assert.Equal([1, 4], chosen);
        foreach (int move in chosen)
        {
            // Whatever O answers, X then has a winning move.
            for (int reply = 0; reply < 7; reply++)
            {
                var line = game.Clone();
                line.Step(move);
                line.Step(reply);
                int finish = new AlphaBetaOpponent(1, 0).SelectAction(line);
                Assert.Equal(1f, line.Step(finish).Reward);
            }
        }
    }

    [Fact]
    public void GomokuTakesTheWinRatherThanBlocking()
    {
        // X: c5 d5 e5 f5 (g5 is O's) wins at b5; O: a1 b1 c1 d1 threatens e1.
        var game = Gomoku.FromPosition("........./........./........./........./..XXXXO../........./........./........./OOOO....X");
        Assert.Equal(0, game.ToPlay);
        Assert.Equal([37], Choices(game, depth: 1));
    }

    [Fact]
    public void GomokuBlocksTheImmediateThreat()
    {
        // O: a1 b1 c1 d1 threatens e1 (a1 is on the edge); X's stones make no threat.
        var game = Gomoku.FromPosition("X.......X/........./........./........./....X..../........./........./........./OOOO....X");
        Assert.Equal(0, game.ToPlay);
        Assert.Equal([76], Choices(game, depth: 2));
    }

    [Fact]
    public void GomokuFindsBothOpenFoursThatWinInTwo()
    {
        // X: d5 e5 f5 with both sides open; c5 or g5 makes an open four that O cannot stop.
        var game = Gomoku.FromPosition("O.......O/........./........./........./...XXX.../........./........./........./O........");
        Assert.Equal(0, game.ToPlay);
        Assert.Equal([38, 42], Choices(game, depth: 3, seeds: 12));
    }

    [Fact]
    public void SearchingLeavesTheGameAloneAndFinishedGamesAreRefused()
    {
        var opponent = new AlphaBetaOpponent(2, 1);
        Assert.Equal("alphabeta:2", opponent.Name);
        Assert.Throws<InvalidOperationException>(() => opponent.SelectAction(ConnectFour.FromMoves(0, 1, 0, 1, 0, 1, 0)));
        Assert.Throws<ArgumentException>(() => opponent.SelectAction(new CartPole()));
        // One opponent may play games of different sizes in turn.
        Assert.True(new Gomoku(7, 4).IsLegal(opponent.SelectAction(new Gomoku(7, 4))));
        Assert.True(new Gomoku().IsLegal(opponent.SelectAction(new Gomoku())));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AlphaBetaOpponent(0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AlphaBetaOpponent(AlphaBetaOpponent.MaxDepth + 1, 1));
    }
}
