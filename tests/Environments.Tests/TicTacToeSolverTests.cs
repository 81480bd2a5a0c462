namespace MuZero.Environments.Tests;

public sealed class TicTacToeSolverTests
{
    [Fact]
    public void EmptyBoardIsADrawAndEveryOpeningKeepsTheDraw()
    {
        var game = new TicTacToe();
        Assert.Equal(0, TicTacToeSolver.Value(game));
        // Every first move is a draw under perfect play, so all nine are optimal.
        Assert.Equal([0, 1, 2, 3, 4, 5, 6, 7, 8], TicTacToeSolver.OptimalMoves(game));
    }

    [Fact]
    public void ImmediateWinIsTheOnlyOptimalMoveWhenEverythingElseLosesOrDraws()
    {
        // X X . / O O . / . . .  X to move: 2 wins now; any other move except the block at 5 loses,
        // and the block only draws.
        var game = TicTacToe.FromPosition("XX./OO./...");
        Assert.Equal(0, game.ToPlay);
        Assert.Equal(1, TicTacToeSolver.Value(game));
        Assert.Equal([2], TicTacToeSolver.OptimalMoves(game));
        Assert.Equal(1, TicTacToeSolver.MoveValue(game.Board, 0, 2));
        Assert.Equal(0, TicTacToeSolver.MoveValue(game.Board, 0, 5));
        Assert.Equal(-1, TicTacToeSolver.MoveValue(game.Board, 0, 8));
    }

    [Fact]
    public void SlowerForcedWinIsAsOptimalAsTheImmediateWin()
    {
        // X X . / . . . / O . O  X to move: 2 wins at once; 7 blocks O and forks (2 and 4), also a forced win.
        // Every other move lets O win at 7.
        var game = TicTacToe.FromPosition("XX./.../O.O");
        Assert.Equal(1, TicTacToeSolver.Value(game));
        Assert.Equal([2, 7], TicTacToeSolver.OptimalMoves(game));
        foreach (int cell in new[] { 3, 4, 5 })
        {
            Assert.Equal(-1, TicTacToeSolver.MoveValue(game.Board, 0, cell));
        }
    }

    [Fact]
    public void FacingAForkEveryMoveLoses()
    {
        // After X0 O4 X8 O2 X6, X (0, 6, 8) threatens both 3 and 7 and O has no immediate win.
        var game = TicTacToe.FromMoves(0, 4, 8, 2, 6);
        Assert.Equal("X.O/.O./X.X", game.ToString());
        Assert.Equal(1, game.ToPlay);
        Assert.Equal(-1, TicTacToeSolver.Value(game));
        // In a lost position every legal move keeps the (losing) value.
        Assert.Equal([1, 3, 5, 7], TicTacToeSolver.OptimalMoves(game));
    }

    [Fact]
    public void FinishedGamesHaveTerminalValuesAndNoMoves()
    {
        var won = TicTacToe.FromMoves(0, 3, 1, 4, 2);
        Assert.Equal(-1, TicTacToeSolver.Value(won)); // O to move, X has already won
        Assert.Empty(TicTacToeSolver.OptimalMoves(won));
        Assert.Throws<ArgumentException>(() => TicTacToeSolver.MoveValue(won.Board, won.ToPlay, 5));

        var drawn = TicTacToe.FromPosition("XOX/XOO/OXX");
        Assert.Equal(0, TicTacToeSolver.Value(drawn));
        Assert.Empty(TicTacToeSolver.OptimalMoves(drawn));
    }

    [Fact]
    public void ValueIsTheMaximumOfMoveValuesAcrossReachablePositions()
    {
        // Walk every reachable position and check the negamax relation from the outside.
        int visited = 0;
        void Visit(TicTacToe game)
        {
            visited++;
            if (game.IsOver) return;
            int best = -2;
            for (int cell = 0; cell < 9; cell++)
            {
                if (!game.IsLegal(cell)) continue;
                var child = game.Clone();
                var result = child.Step(cell);
                int expected = result.Reward == 1f ? 1 : child.IsOver ? 0 : -TicTacToeSolver.Value(child);
                Assert.Equal(expected, TicTacToeSolver.MoveValue(game.Board, game.ToPlay, cell));
                best = Math.Max(best, expected);
                Visit(child);
            }
            Assert.Equal(best, TicTacToeSolver.Value(game));
        }
        Visit(new TicTacToe());
        Assert.Equal(549946, visited); // number of nodes of the full tic-tac-toe game tree
    }

    [Fact]
    public void RejectsMalformedBoards()
    {
        Assert.Throws<ArgumentException>(() => TicTacToeSolver.Value(new sbyte[8], 0));
        Assert.Throws<ArgumentException>(() => TicTacToeSolver.Value(new sbyte[] { 2, 0, 0, 0, 0, 0, 0, 0, 0 }, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => TicTacToeSolver.Value(new sbyte[9], 2));
        Assert.Throws<ArgumentException>(() => TicTacToeSolver.MoveValue(TicTacToe.FromMoves(4).Board, 1, 4));
    }
}
