namespace MuZero.Environments.Tests;

public sealed class GomokuTests
{
    private static StepResult PlayToEnd(Gomoku game, int[] moves)
    {
        for (int i = 0; i < moves.Length - 1; i++) Assert.Equal(new StepResult(0f, false, false), game.Step(moves[i]));
        return game.Step(moves[^1]);
    }

    /// <summary>The reference rule: the longest run of <paramref name="player"/>'s stones in any direction, by a plain scan of the grid.</summary>
    private static int LongestRun(Gomoku game, int player)
    {
        int n = game.BoardSize, longest = 0;
        for (int row = 0; row < n; row++)
        for (int column = 0; column < n; column++)
        foreach (var (dr, dc) in new[] { (0, 1), (1, 0), (1, 1), (1, -1) })
        {
            int run = 0;
            for (int r = row, c = column; r >= 0 && r < n && c >= 0 && c < n && game.StoneAt(r * n + c) == player; r += dr, c += dc) run++;
            longest = Math.Max(longest, run);
        }
        return longest;
    }

    // 9 x 9, action = row * 9 + column with row 0 at the top.
    [Theory]
    [InlineData(new[] { 0, 72, 1, 73, 2, 74, 3, 75, 4 }, 0)]              // X: top row from the top-left corner
    [InlineData(new[] { 44, 0, 53, 1, 62, 2, 71, 3, 80 }, 0)]             // X: right column down to the bottom-right corner
    [InlineData(new[] { 0, 8, 10, 17, 20, 26, 30, 35, 40 }, 0)]           // X: diagonal down-right from the top-left corner
    [InlineData(new[] { 0, 40, 1, 48, 2, 56, 3, 64, 5, 72 }, 1)]          // O: diagonal down-left into the bottom-left corner
    [InlineData(new[] { 76, 0, 77, 1, 78, 2, 79, 4, 80 }, 0)]             // X: bottom row to the bottom-right corner
    public void FiveInARowPaysTheMoverAndEndsTheGame(int[] moves, int winner)
    {
        var game = new Gomoku();
        Assert.Equal(winner, (moves.Length - 1) % 2);
        Assert.Equal(new StepResult(1f, true, false), PlayToEnd(game, moves));
        Assert.True(game.IsOver);
        Assert.Equal(winner, game.Winner);
        Assert.Equal(moves.Length, game.StepCount);
        var mask = new bool[81];
        game.WriteLegalActions(mask);
        Assert.All(mask, Assert.False);
    }

    [Fact]
    public void SixInARowAlsoWins()
    {
        // X: a5 b5 c5 and e5 f5 (no five yet), then d5 joins them into six. O plays along the bottom row with gaps.
        var game = new Gomoku();
        Assert.Equal(new StepResult(1f, true, false), PlayToEnd(game, [36, 72, 37, 74, 38, 76, 40, 78, 41, 80, 39]));
        Assert.Equal(0, game.Winner);
        Assert.Equal(6, LongestRun(game, 0));
    }

    [Fact]
    public void WinLengthComesFromTheOptions()
    {
        var game = (Gomoku)EnvironmentRegistry.Create("gomoku", new EnvironmentOptions { BoardSize = 7, WinLength = 4 });
        Assert.Equal(7, game.BoardSize);
        Assert.Equal(4, game.WinLength);
        // X: three in a row is not enough, the fourth wins.
        Assert.Equal(new StepResult(1f, true, false), PlayToEnd(game, [21, 0, 22, 1, 23, 6, 24]));
        Assert.Equal(0, game.Winner);
    }

    [Fact]
    public void FullBoardWithoutALineIsADraw()
    {
        var game = Gomoku.FromPosition("XXOOX/OOXXO/XXOOX/OOXXO/XXOO.");
        Assert.Equal(5, game.BoardSize);
        Assert.Equal(0, game.ToPlay);
        Assert.Equal(new StepResult(0f, true, false), game.Step(24));
        Assert.True(game.IsDraw);
        Assert.Null(game.Winner);
        Assert.Equal(25, game.StepCount);
    }

    [Fact]
    public void OccupiedCellIsIllegalAndPlayingItChangesNothing()
    {
        var game = new Gomoku();
        game.Step(40);
        string before = game.Diagram;
        Assert.False(game.IsLegal(40));
        var e = Assert.Throws<IllegalActionException>(() => game.Step(40));
        Assert.Contains("e5 is occupied", e.Message);
        Assert.Throws<IllegalActionException>(() => game.Step(81));
        Assert.Throws<IllegalActionException>(() => game.Step(-1));
        Assert.Equal(before, game.Diagram);
        Assert.Equal(1, game.StepCount);
        Assert.Equal(1, game.ToPlay);
    }

    [Fact]
    public void ObservationPlanesAreFromTheMoversPointOfView()
    {
        var game = new Gomoku();
        game.Step(40); // X e5 (centre); O to move
        var planes = new float[3 * 81];
        game.WriteObservation(planes);
        Assert.Equal(0f, planes[..81].Sum());   // O has no stone
        Assert.Equal(1f, planes[81 + 40]);      // X's stone, at plane cell (4, 4)
        Assert.Equal(1f, planes[81..162].Sum());
        Assert.All(planes[162..], v => Assert.Equal(0f, v)); // O to move

        game.Step(0); // O a9 (top-left); X to move
        game.WriteObservation(planes);
        Assert.Equal(1f, planes[40]);
        Assert.Equal(1f, planes[81 + 0]);
        Assert.Equal(2f, planes[..162].Sum());
        Assert.All(planes[162..], v => Assert.Equal(1f, v));
    }

    [Theory]
    [InlineData(9, 5)]
    [InlineData(7, 4)]
    [InlineData(5, 3)]
    [InlineData(6, 6)]
    public void RandomGamesAgreeWithAGridScan(int size, int winLength)
    {
        var random = new Random(size * 31 + winLength);
        var game = new Gomoku(size, winLength);
        for (int gameIndex = 0; gameIndex < 100; gameIndex++)
        {
            game.Reset(0);
            while (!game.IsOver)
            {
                var legal = Enumerable.Range(0, size * size).Where(game.IsLegal).ToArray();
                Assert.Equal(size * size - game.StepCount, legal.Length);
                int mover = game.ToPlay;
                var result = game.Step(legal[random.Next(legal.Length)]);
                bool won = LongestRun(game, mover) >= winLength;
                Assert.Equal(won ? 1f : 0f, result.Reward);
                Assert.Equal(won || game.StepCount == size * size, result.Terminated);
                Assert.True(LongestRun(game, 1 - mover) < winLength);
            }
            Assert.Equal(game.Diagram, Gomoku.FromPosition(game.Diagram, winLength).Diagram);
        }
    }

    [Fact]
    public void SpecFollowsTheBoardSize()
    {
        var game = new Gomoku(13, 5);
        Assert.Equal("gomoku", game.Spec.Name);
        Assert.Equal([3, 13, 13], game.Spec.ObservationShape);
        Assert.Equal(169, game.Spec.ActionCount);
        Assert.Equal(169, game.Spec.MaxEpisodeSteps);
        Assert.Same(game.Spec, new Gomoku(13, 5).Spec);
        Assert.Equal(81, new Gomoku().Spec.ActionCount);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Gomoku(4, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Gomoku(20, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Gomoku(9, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Gomoku(9, 2));
    }

    [Fact]
    public void ImpossibleDiagramsAreRejected()
    {
        Assert.Contains("X must have", Assert.Throws<ArgumentException>(() => Gomoku.FromPosition("OO.../...../...../...../.....")).Message);
        Assert.Contains("winner", Assert.Throws<ArgumentException>(() => Gomoku.FromPosition("XXXXX/OOOOO/...../...../.....")).Message);
        Assert.Contains("square", Assert.Throws<ArgumentException>(() => Gomoku.FromPosition("..../..../..../....")).Message);
    }
}
