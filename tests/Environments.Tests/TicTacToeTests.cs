namespace MuZero.Environments.Tests;

public sealed class TicTacToeTests
{
    private static float[] Observe(TicTacToe game)
    {
        var observation = new float[27];
        game.WriteObservation(observation);
        return observation;
    }

    private static bool[] Legal(TicTacToe game)
    {
        var mask = new bool[9];
        game.WriteLegalActions(mask);
        return mask;
    }

    /// <summary>Plays the moves, asserting every move but the last is a quiet non-terminal move.</summary>
    private static StepResult PlayToEnd(TicTacToe game, int[] moves)
    {
        for (int i = 0; i < moves.Length - 1; i++)
        {
            Assert.Equal(new StepResult(0f, false, false), game.Step(moves[i]));
        }
        return game.Step(moves[^1]);
    }

    [Theory]
    // X wins (moves alternate X, O, X, ...; the last move completes X's line).
    [InlineData(new[] { 0, 3, 1, 4, 2 }, 0)]          // top row
    [InlineData(new[] { 3, 0, 4, 1, 5 }, 0)]          // middle row
    [InlineData(new[] { 0, 1, 3, 2, 6 }, 0)]          // left column
    [InlineData(new[] { 0, 1, 4, 2, 8 }, 0)]          // main diagonal
    [InlineData(new[] { 2, 0, 4, 1, 6 }, 0)]          // anti-diagonal
    // O wins.
    [InlineData(new[] { 0, 6, 1, 7, 5, 8 }, 1)]       // bottom row
    [InlineData(new[] { 0, 1, 3, 4, 8, 7 }, 1)]       // middle column
    [InlineData(new[] { 0, 2, 1, 5, 4, 8 }, 1)]       // right column
    [InlineData(new[] { 1, 0, 2, 4, 3, 8 }, 1)]       // main diagonal
    [InlineData(new[] { 0, 2, 1, 4, 5, 6 }, 1)]       // anti-diagonal
    public void WinningMovePaysTheMoverAndEndsTheGame(int[] moves, int winner)
    {
        var game = new TicTacToe();
        int mover = (moves.Length - 1) % 2;
        Assert.Equal(winner, mover);

        var result = PlayToEnd(game, moves);

        Assert.Equal(new StepResult(1f, true, false), result);
        Assert.True(game.IsOver);
        Assert.Equal(winner, game.Winner);
        Assert.False(game.IsDraw);
        Assert.Equal(moves.Length, game.StepCount);
        Assert.All(Legal(game), Assert.False);
    }

    [Fact]
    public void FullBoardWithoutLineIsADrawWithZeroReward()
    {
        // X O X / X O O / O X X
        var game = new TicTacToe();
        var result = PlayToEnd(game, [0, 1, 2, 4, 3, 5, 7, 6, 8]);

        Assert.Equal(new StepResult(0f, true, false), result);
        Assert.True(game.IsDraw);
        Assert.Null(game.Winner);
        Assert.Equal("XOX/XOO/OXX", game.ToString());
        Assert.Equal(9, game.StepCount);
    }

    [Fact]
    public void WinOnTheLastCellCountsAsWin()
    {
        // X O X / O X O / O X . -> X plays 8 and completes the main diagonal.
        var game = TicTacToe.FromPosition("XOX/OXO/OX.");
        Assert.Equal(0, game.ToPlay);
        Assert.Equal(new StepResult(1f, true, false), game.Step(8));
        Assert.Equal(0, game.Winner);
    }

    [Fact]
    public void OccupiedCellThrowsAndLeavesStateUnchanged()
    {
        var game = TicTacToe.FromMoves(4, 0);
        string before = game.ToString();
        var observation = Observe(game);

        var error = Assert.Throws<IllegalActionException>(() => game.Step(4));

        Assert.Contains("action 4", error.Message);
        Assert.Contains("occupied", error.Message);
        Assert.Equal(before, game.ToString());
        Assert.Equal(observation, Observe(game));
        Assert.Equal(0, game.ToPlay);
        Assert.Equal(2, game.StepCount);
        Assert.False(game.IsLegal(4));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(9)]
    [InlineData(100)]
    public void OutOfRangeActionThrowsAndLeavesStateUnchanged(int action)
    {
        var game = TicTacToe.FromMoves(4);
        var error = Assert.Throws<IllegalActionException>(() => game.Step(action));
        Assert.Contains($"action {action}", error.Message);
        Assert.Equal(".../.X./...", game.ToString());
        Assert.Equal(1, game.StepCount);
        Assert.False(game.IsLegal(action));
    }

    [Fact]
    public void MoveAfterGameOverThrowsAndLeavesStateUnchanged()
    {
        var game = TicTacToe.FromMoves(0, 3, 1, 4, 2);
        Assert.True(game.IsOver);

        var error = Assert.Throws<IllegalActionException>(() => game.Step(8));

        Assert.Contains("action 8", error.Message);
        Assert.Equal("XXX/OO./...", game.ToString());
        Assert.Equal(0, game.Winner);
        Assert.Equal(5, game.StepCount);
        Assert.False(game.IsLegal(8));
    }

    [Fact]
    public void ObservationPlanesFollowThePlayerToMove()
    {
        var game = new TicTacToe();
        var empty = Observe(game);
        Assert.All(empty[..18], v => Assert.Equal(0f, v));
        Assert.All(empty[18..], v => Assert.Equal(1f, v));

        game.Step(0); // X at 0; O to move
        var afterX = Observe(game);
        Assert.Equal(1, game.ToPlay);
        Assert.Equal(new float[] { 0, 0, 0, 0, 0, 0, 0, 0, 0 }, afterX[..9]);   // O's own stones
        Assert.Equal(new float[] { 1, 0, 0, 0, 0, 0, 0, 0, 0 }, afterX[9..18]); // opponent (X)
        Assert.All(afterX[18..], v => Assert.Equal(0f, v));

        game.Step(4); // O at 4; X to move
        var afterO = Observe(game);
        Assert.Equal(0, game.ToPlay);
        Assert.Equal(new float[] { 1, 0, 0, 0, 0, 0, 0, 0, 0 }, afterO[..9]);
        Assert.Equal(new float[] { 0, 0, 0, 0, 1, 0, 0, 0, 0 }, afterO[9..18]);
        Assert.All(afterO[18..], v => Assert.Equal(1f, v));

        game.Step(8); // X at 8; O to move
        var third = Observe(game);
        Assert.Equal(new float[] { 0, 0, 0, 0, 1, 0, 0, 0, 0 }, third[..9]);
        Assert.Equal(new float[] { 1, 0, 0, 0, 0, 0, 0, 0, 1 }, third[9..18]);
        Assert.All(third[18..], v => Assert.Equal(0f, v));
    }

    [Fact]
    public void LegalMaskMarksEmptyCells()
    {
        var game = TicTacToe.FromMoves(0, 4, 8);
        Assert.Equal([false, true, true, true, false, true, true, true, false], Legal(game));
        for (int cell = 0; cell < 9; cell++)
        {
            Assert.Equal(game.Board[cell] == 0, game.IsLegal(cell));
        }
    }

    [Fact]
    public void BoardUsesPlusOneForXAndMinusOneForO()
    {
        var game = TicTacToe.FromMoves(2, 6);
        Assert.Equal(new sbyte[] { 0, 0, 1, 0, 0, 0, -1, 0, 0 }, game.Board.ToArray());
    }

    [Fact]
    public void LoadPositionDerivesPlayerToMoveAndOutcome()
    {
        var game = TicTacToe.FromPosition("X.O/.X./..O");
        Assert.Equal(new sbyte[] { 1, 0, -1, 0, 1, 0, 0, 0, -1 }, game.Board.ToArray());
        Assert.Equal(0, game.ToPlay);
        Assert.Equal(4, game.StepCount);
        Assert.False(game.IsOver);
        Assert.Equal("X.O/.X./..O", game.ToString());

        var won = TicTacToe.FromPosition("OOO/XX./X..");
        Assert.True(won.IsOver);
        Assert.Equal(1, won.Winner);
        Assert.Equal(0, won.ToPlay);

        Assert.Equal(TicTacToe.FromMoves(0, 2, 4, 8).ToString(), TicTacToe.FromPosition("x . o\n. x .\n. . o").ToString());
    }

    [Theory]
    [InlineData("X.O/.X./..")]     // too few cells
    [InlineData("X.O/.X./..O.")]   // too many cells
    [InlineData("X.Q/.X./..O")]    // bad character
    [InlineData("OO./.../...")]    // O ahead of X
    [InlineData("XXX/.../O..")]    // X has two more stones
    [InlineData("XXX/OOO/...")]    // both have lines
    [InlineData("OOO/XX./XX.")]    // O won but X moved after
    public void LoadPositionRejectsImpossibleDiagrams(string diagram)
    {
        Assert.Throws<ArgumentException>(() => TicTacToe.FromPosition(diagram));
    }

    [Fact]
    public void ResetCloneAndCopyFromRestoreIndependentState()
    {
        var game = TicTacToe.FromMoves(0, 4);
        var copy = game.Clone();
        game.Step(8);
        Assert.Equal("X../.O./...", copy.ToString());
        Assert.Equal(0, copy.ToPlay);

        copy.CopyFrom(game);
        Assert.Equal(game.ToString(), copy.ToString());
        Assert.Equal(1, copy.ToPlay);
        Assert.Equal(3, copy.StepCount);

        game.Reset(123);
        Assert.Equal(".../.../...", game.ToString());
        Assert.Equal(0, game.ToPlay);
        Assert.Equal(0, game.StepCount);
        Assert.False(game.IsOver);
        Assert.Null(game.Winner);
    }

    [Fact]
    public void SpecDescribesTicTacToe()
    {
        var spec = new TicTacToe().Spec;
        Assert.Equal("tictactoe", spec.Name);
        Assert.Equal([3, 3, 3], spec.ObservationShape);
        Assert.Equal(27, spec.ObservationSize);
        Assert.Equal(9, spec.ActionCount);
        Assert.Equal(2, spec.PlayerCount);
        Assert.Equal(9, spec.MaxEpisodeSteps);
    }
}
