namespace MuZero.Environments.Tests;

public sealed class ConnectFourSolverTests
{
    // A full game without four in a row for either player (found by a search over colourings; checked below).
    private const string DrawnGame = "343444443363355251555722622216661717767171";

    [Fact]
    public void ImmediateWinScoresTheStonesLeft()
    {
        // First player holds 1, 2, 3 on the bottom row and wins with column 4 and its 4th stone: 22 - 4.
        var solver = new ConnectFourSolver(16);
        var position = ConnectFourPosition.Parse("112233");
        Assert.Equal(18, solver.Solve(position));
        Assert.Equal(1, solver.Solve(position, ConnectFourSolveMode.Weak));
        // The same shape for the second player (its 4th stone after a first move in column 7): 22 - 4 again;
        // and for the first player after an extra pair of moves, with its 5th stone: 22 - 5.
        Assert.Equal(18, solver.Solve(ConnectFourPosition.Parse("7112233")));
        Assert.Equal(17, solver.Solve(ConnectFourPosition.Parse("11223377")));
    }

    [Fact]
    public void TwoThreatsAreAForcedLoss()
    {
        // Second player to move; the first holds 3, 4, 5 on the bottom row with both ends open:
        // whatever is blocked, the other end wins with the first player's 4th stone.
        var solver = new ConnectFourSolver(16);
        var position = ConnectFourPosition.Parse("33445");
        Assert.Equal(-18, solver.Solve(position));
        Assert.Equal(-1, solver.Solve(position, ConnectFourSolveMode.Weak));
        Assert.All(solver.ScoreMoves(position), score => Assert.Equal(-18, score));
    }

    [Fact]
    public void PublishedExamplesScoreAsPublished()
    {
        // The two examples of Pons' test-protocol page: a win with the 4th stone, a loss to the opponent's 7th.
        var solver = new ConnectFourSolver(16);
        Assert.Equal(18, solver.Solve(ConnectFourPosition.Parse("4455")));
        Assert.Equal(-15, solver.Solve(ConnectFourPosition.Parse("44455554221")));
        // In 4455 the first player wins by making an open three on the bottom row, with column 3 or 6.
        var position = ConnectFourPosition.Parse("4455");
        Assert.Equal(18, -solver.Solve(position.Play(2)));
        Assert.Equal(18, -solver.Solve(position.Play(5)));
    }

    [Fact]
    public void AGameWithoutFourInARowEndsInADraw()
    {
        var full = ConnectFourPosition.Parse(DrawnGame);
        Assert.True(full.IsOver);
        Assert.False(full.IsWon);
        var solver = new ConnectFourSolver(16);
        Assert.Equal(0, solver.Solve(full));
        var lastMoveLeft = ConnectFourPosition.Parse(DrawnGame[..^1]);
        Assert.Equal(0, solver.Solve(lastMoveLeft));
        Assert.Equal(0, solver.Solve(lastMoveLeft, ConnectFourSolveMode.Weak));
        int[] scores = solver.ScoreMoves(lastMoveLeft);
        int last = DrawnGame[^1] - '1';
        for (int column = 0; column < 7; column++)
            Assert.Equal(column == last ? 0 : ConnectFourSolver.NotPlayable, scores[column]);
    }

    [Fact]
    public void AWonGameCannotBeSolved()
    {
        var solver = new ConnectFourSolver(16);
        var won = ConnectFourPosition.Parse("1212121");
        var error = Assert.Throws<ArgumentException>(() => solver.Solve(won));
        Assert.Contains("the last move won", error.Message);
        Assert.Throws<ArgumentException>(() => solver.ScoreMoves(won));
    }

    [Theory]
    [InlineData(34, 400, 23)]
    [InlineData(33, 60, 23)]
    [InlineData(34, 400, 10)] // a 1,024-slot table: constant overwriting must not change any score
    public void ScoresMatchAnExhaustiveSearchOnRandomLatePositions(int stones, int positions, int tableBits)
    {
        var solver = new ConnectFourSolver(tableBits);
        var random = new SplitMix64((ulong)(stones * 1000 + tableBits));
        int draws = 0, wins = 0, losses = 0;
        for (int i = 0; i < positions; i++)
        {
            var (board, position) = RandomPosition(stones, ref random);
            int expected = board.ExactScore();
            Assert.True(expected == solver.Solve(position), $"{position}: expected {expected}");
            Assert.Equal(Math.Sign(expected), solver.Solve(position, ConnectFourSolveMode.Weak));
            int[] scores = solver.ScoreMoves(position);
            int[] outcomes = solver.ScoreMoves(position, ConnectFourSolveMode.Weak);
            for (int column = 0; column < 7; column++)
            {
                int want = board.Heights[column] < 6 ? board.MoveScore(column) : ConnectFourSolver.NotPlayable;
                Assert.Equal(want, scores[column]);
                Assert.Equal(want == ConnectFourSolver.NotPlayable ? want : Math.Sign(want), outcomes[column]);
            }
            if (expected > 0) wins++;
            else if (expected < 0) losses++;
            else draws++;
        }
        // The sample must exercise all three outcomes, or it proves little.
        Assert.True(wins > 0 && draws > 0 && losses > 0, $"wins {wins}, draws {draws}, losses {losses}");
    }

    [Fact]
    public void ClearingTheTableChangesNoScoreAndTheNodeCountGrows()
    {
        var solver = new ConnectFourSolver(16);
        var position = ConnectFourPosition.Parse("4455");
        long before = solver.NodesSearched;
        int cold = solver.Solve(position);
        long coldNodes = solver.NodesSearched - before;
        before = solver.NodesSearched;
        Assert.Equal(cold, solver.Solve(position));
        long warmNodes = solver.NodesSearched - before;
        solver.ClearTable();
        before = solver.NodesSearched;
        Assert.Equal(cold, solver.Solve(position));
        Assert.True(coldNodes > 0);
        Assert.True(warmNodes < coldNodes, $"warm {warmNodes} vs cold {coldNodes}: the table should have saved work");
        Assert.Equal(coldNodes, solver.NodesSearched - before);
    }

    [Fact]
    public void TableSizeIsValidated()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ConnectFourSolver(9));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ConnectFourSolver(31));
        Assert.Equal(1 << 12, new ConnectFourSolver(12).TableSize);
    }

    /// <summary>A random game of <paramref name="stones"/> moves in which nobody has completed four in a row.</summary>
    private static (ConnectFourReferenceBoard Board, ConnectFourPosition Position) RandomPosition(int stones, ref SplitMix64 random)
    {
        Span<int> columns = stackalloc int[7];
        while (true)
        {
            var board = new ConnectFourReferenceBoard();
            var position = ConnectFourPosition.Empty;
            while (board.Moves < stones)
            {
                int count = 0;
                for (int column = 0; column < 7; column++)
                {
                    if (board.Heights[column] < 6 && !board.WinsWith(column)) columns[count++] = column;
                }
                if (count == 0) break;
                int move = columns[random.NextInt(count)];
                board.Play(move);
                position = position.Play(move);
            }
            if (board.Moves == stones) return (board, position);
        }
    }
}
