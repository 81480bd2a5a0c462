namespace MuZero.Environments.Tests;

public sealed class ConnectFourTests
{
    private static float[] Observe(ConnectFour game)
    {
        var observation = new float[3 * 42];
        game.WriteObservation(observation);
        return observation;
    }

    private static bool[] Legal(ConnectFour game)
    {
        var mask = new bool[7];
        game.WriteLegalActions(mask);
        return mask;
    }

    /// <summary>Plays the moves, asserting every move but the last is a quiet non-terminal move, and returns the last move's result.</summary>
    private static StepResult PlayToEnd(ConnectFour game, int[] moves)
    {
        for (int i = 0; i < moves.Length - 1; i++) Assert.Equal(new StepResult(0f, false, false), game.Step(moves[i]));
        return game.Step(moves[^1]);
    }

    /// <summary>The reference rule: some run of four cells, in any direction, holds only <paramref name="player"/>'s stones (a plain scan of the grid).</summary>
    private static bool HasFourByScan(ConnectFour game, int player)
    {
        for (int row = 0; row < 6; row++)
        for (int column = 0; column < 7; column++)
        foreach (var (dr, dc) in new[] { (0, 1), (1, 0), (1, 1), (1, -1) })
        {
            int count = 0;
            for (int i = 0; i < 4; i++)
            {
                int r = row + i * dr, c = column + i * dc;
                if (r is >= 0 and < 6 && c is >= 0 and < 7 && game.StoneAt(r, c) == player) count++;
            }
            if (count == 4) return true;
        }
        return false;
    }

    [Theory]
    [InlineData(new[] { 0, 0, 1, 1, 2, 2, 3 }, 0)]                      // X: bottom row, from the left edge
    [InlineData(new[] { 6, 0, 5, 0, 4, 0, 3 }, 0)]                      // X: bottom row, to the right edge
    [InlineData(new[] { 0, 1, 0, 1, 0, 1, 0 }, 0)]                      // X: vertical on the left edge
    [InlineData(new[] { 0, 6, 1, 6, 0, 6, 1, 6 }, 1)]                   // O: vertical on the right edge
    [InlineData(new[] { 0, 1, 1, 2, 2, 3, 2, 3, 3, 6, 3 }, 0)]          // X: diagonal up to the right from the bottom-left corner
    [InlineData(new[] { 6, 5, 5, 4, 4, 3, 4, 3, 3, 0, 3 }, 0)]          // X: diagonal up to the left from the bottom-right corner
    public void FourInARowPaysTheMoverAndEndsTheGame(int[] moves, int winner)
    {
        var game = new ConnectFour();
        Assert.Equal(winner, (moves.Length - 1) % 2);
        Assert.Equal(new StepResult(1f, true, false), PlayToEnd(game, moves));
        Assert.True(game.IsOver);
        Assert.Equal(winner, game.Winner);
        Assert.False(game.IsDraw);
        Assert.Equal(moves.Length, game.StepCount);
        Assert.All(Legal(game), Assert.False);
        Assert.Equal(0, game.WriteSearchMoves(new int[7]));
    }

    [Fact]
    public void TopRowWinAtTheRightEdge()
    {
        // O completes the top row in columns 4..7 by dropping the sixth stone into column 7.
        var game = ConnectFour.FromPosition("...OOO./...XXXO/...OOOX/...XXXO/...OOOX/XX.XXXO");
        Assert.Equal(1, game.ToPlay);
        Assert.False(game.IsOver);
        Assert.Equal(new StepResult(1f, true, false), game.Step(6));
        Assert.Equal(1, game.Winner);
        Assert.Equal("...OOOO", game.Diagram[..7]);
    }

    [Fact]
    public void DiagonalWinInTheTopLeftCorner()
    {
        // X holds column 2 row 5, column 3 row 4 and column 4 row 3 (1-based, rows from the bottom); column 1 holds five
        // stones, so X's drop lands in the top-left corner and completes the diagonal down to the right.
        var game = ConnectFour.FromPosition(".O....X/OX.X..X/OOXX..X/OOXX.OO/XOOO.OX/XXOXOXO");
        Assert.Equal(0, game.ToPlay);
        Assert.Equal(5, game.Height(0));
        Assert.Equal(new StepResult(1f, true, false), game.Step(0));
        Assert.Equal(0, game.Winner);
        Assert.Equal(0, game.StoneAt(5, 0));
    }

    [Fact]
    public void FullBoardWithoutFourIsADraw()
    {
        int[] moves = [4, 3, 6, 0, 1, 4, 5, 5, 1, 1, 5, 0, 1, 6, 0, 1, 5, 5, 1, 0, 4, 6, 3, 2, 6, 6, 0, 4, 6, 5, 2, 0, 4, 2, 4, 2, 2, 2, 3, 3, 3, 3];
        var game = new ConnectFour();
        Assert.Equal(new StepResult(0f, true, false), PlayToEnd(game, moves));
        Assert.True(game.IsDraw);
        Assert.Null(game.Winner);
        Assert.Equal(42, game.StepCount);
        Assert.DoesNotContain('.', game.Diagram);
        Assert.All(Legal(game), Assert.False);
    }

    [Fact]
    public void FullColumnIsIllegalAndPlayingItChangesNothing()
    {
        var game = ConnectFour.FromMoves(2, 2, 2, 2, 2, 2);
        Assert.Equal(6, game.Height(2));
        Assert.False(game.IsLegal(2));
        Assert.Equal([true, true, false, true, true, true, true], Legal(game));
        string before = game.Diagram;

        var e = Assert.Throws<IllegalActionException>(() => game.Step(2));
        Assert.Contains("full", e.Message);
        Assert.Throws<IllegalActionException>(() => game.Step(7));
        Assert.Throws<IllegalActionException>(() => game.Step(-1));
        Assert.Equal(before, game.Diagram);
        Assert.Equal(6, game.StepCount);
        Assert.Equal(0, game.ToPlay);
        Assert.False(game.IsOver);
    }

    [Fact]
    public void MovesAfterTheEndAreIllegal()
    {
        var game = ConnectFour.FromMoves(0, 1, 0, 1, 0, 1, 0);
        Assert.True(game.IsOver);
        Assert.Throws<IllegalActionException>(() => game.Step(3));
        Assert.Equal(7, game.StepCount);
    }

    [Fact]
    public void StonesFallToTheLowestEmptyCell()
    {
        var game = ConnectFour.FromMoves(3, 3, 4);
        Assert.Equal(0, game.StoneAt(0, 3));
        Assert.Equal(1, game.StoneAt(1, 3));
        Assert.Equal(0, game.StoneAt(0, 4));
        Assert.Equal(-1, game.StoneAt(2, 3));
        Assert.Equal("......./......./......./......./...O.../...XX..", game.Diagram);
        // Bitboards: bit 7 * column + row.
        Assert.Equal((1UL << 21) | (1UL << 28), game.StonesOf(0));
        Assert.Equal(1UL << 22, game.StonesOf(1));
    }

    [Fact]
    public void ObservationPlanesAreFromTheMoversPointOfView()
    {
        // X in column 4, O in column 3: X (player 0) to move.
        var game = ConnectFour.FromMoves(3, 2);
        var planes = Observe(game);
        // Plane cell (h, w) = plane * 42 + h * 7 + w with h = 0 the top row, so the bottom row is h = 5.
        Assert.Equal(1f, planes[5 * 7 + 3]);      // own (X) stone
        Assert.Equal(1f, planes[42 + 5 * 7 + 2]); // opponent (O) stone
        Assert.Equal(2f, planes[..84].Sum());
        Assert.All(planes[84..], v => Assert.Equal(1f, v)); // X to move

        game.Step(3); // X on top of its first stone; now O moves
        planes = Observe(game);
        Assert.Equal(1f, planes[5 * 7 + 2]);      // own (O) stone
        Assert.Equal(1f, planes[42 + 5 * 7 + 3]); // opponent (X) stones
        Assert.Equal(1f, planes[42 + 4 * 7 + 3]);
        Assert.Equal(3f, planes[..84].Sum());
        Assert.All(planes[84..], v => Assert.Equal(0f, v));
    }

    [Fact]
    public void RandomGamesAgreeWithAGridScan()
    {
        var random = new Random(7);
        for (int gameIndex = 0; gameIndex < 300; gameIndex++)
        {
            var game = new ConnectFour();
            while (!game.IsOver)
            {
                var legal = Enumerable.Range(0, 7).Where(game.IsLegal).ToArray();
                Assert.Equal(legal, Enumerable.Range(0, 7).Where(c => game.Height(c) < 6).ToArray());
                int mover = game.ToPlay;
                var result = game.Step(legal[random.Next(legal.Length)]);
                bool four = HasFourByScan(game, mover);
                Assert.Equal(four ? 1f : 0f, result.Reward);
                Assert.Equal(four || game.StepCount == 42, result.Terminated);
                Assert.False(HasFourByScan(game, 1 - mover));
                Assert.Equal(game.Diagram, ConnectFour.FromPosition(game.Diagram).Diagram);
            }
        }
    }

    [Fact]
    public void ResetEmptiesTheBoardAndSpecDescribesTheGame()
    {
        var game = ConnectFour.FromMoves(0, 1, 2);
        game.Reset(5);
        Assert.Equal(new ConnectFour().Diagram, game.Diagram);
        Assert.Equal(0, game.ToPlay);
        Assert.Equal(0, game.StepCount);
        Assert.Equal("connect4", game.Spec.Name);
        Assert.Equal([3, 6, 7], game.Spec.ObservationShape);
        Assert.Equal(7, game.Spec.ActionCount);
        Assert.Equal(42, game.Spec.MaxEpisodeSteps);
        Assert.True(game.Spec.IsTwoPlayer);
    }

    [Theory]
    [InlineData("......./......./......./......./X....../.......", "floating")]
    [InlineData("......./......./......./......./......./OO.....", "X must have")]
    [InlineData("......./......./......./......./....O../XXXXOOO", "winner")]          // X won but O moved last
    [InlineData("O....../O....../O....../O....../XX...../XXX....", "winner")]          // O won but X moved last
    [InlineData("......./......./......./......./......./......", "41 cells")]
    [InlineData("......./......./......./......./......./.....Z.", "invalid character")]
    public void MalformedOrImpossibleDiagramsAreRejected(string diagram, string message)
    {
        var e = Assert.Throws<ArgumentException>(() => ConnectFour.FromPosition(diagram));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void DiagramsRoundTripAndSetThePlayerToMove()
    {
        var game = ConnectFour.FromPosition("......./......./......./......./......./X......");
        Assert.Equal(1, game.ToPlay);
        Assert.Equal(1, game.StepCount);
        Assert.Equal("......./......./......./......./......./X......", game.Diagram);
        var won = ConnectFour.FromPosition("......./......./......./......./OOO..../XXXX...");
        Assert.True(won.IsOver);
        Assert.Equal(0, won.Winner);
    }
}
