namespace MuZero.Environments.Tests;

public sealed class ConnectFourPositionTests
{
    [Fact]
    public void ParsesMoveStringsIntoTheBoard()
    {
        Assert.Equal(ConnectFourPosition.Empty, ConnectFourPosition.Parse(""));
        var position = ConnectFourPosition.Parse("44455554221");
        Assert.Equal(11, position.MovesPlayed);
        Assert.Equal(1, position.PlayerToMove);
        Assert.Equal(
            ".......\n" +
            ".......\n" +
            "...OX..\n" +
            "...XO..\n" +
            ".O.OX..\n" +
            "XX.XO..", position.ToString());
        Assert.Equal(0, position.OwnerAt(0, 0));
        Assert.Equal(-1, position.OwnerAt(0, 1));
        Assert.Equal(1, position.OwnerAt(1, 1));
        Assert.Equal(4, position.ColumnHeight(3));
        Assert.Equal(0, position.ColumnHeight(6));
    }

    [Theory]
    [InlineData("8", "move 1 of \"8\": '8' is not a column 1..7")]
    [InlineData("440", "move 3 of \"440\": '0' is not a column 1..7")]
    [InlineData("44a", "move 3 of \"44a\": 'a' is not a column 1..7")]
    [InlineData("4 4", "move 2 of \"4 4\": ' ' is not a column 1..7")]
    [InlineData("1111111", "move 7 of \"1111111\": column 1 is full")]
    [InlineData("12121213", "move 8 of \"12121213\": the game was already won by move 7")]
    public void BadMoveStringsAreRejectedWithTheMoveAndTheReason(string moves, string message)
    {
        var error = Assert.Throws<FormatException>(() => ConnectFourPosition.Parse(moves));
        Assert.Equal(message, error.Message);
        Assert.False(ConnectFourPosition.TryParse(moves, out _, out string? tryError));
        Assert.Equal(message, tryError);
    }

    [Fact]
    public void AGameMayEndWithItsWinningMoveButNotGoOn()
    {
        var won = ConnectFourPosition.Parse("1212121"); // four in column 1 for the first player
        Assert.True(won.IsWon);
        Assert.True(won.IsOver);
        Assert.Throws<IllegalActionException>(() => won.Play(3));
    }

    [Fact]
    public void FromColumnsTakesZeroBasedActions()
    {
        Assert.Equal(ConnectFourPosition.Parse("44455554221"), ConnectFourPosition.FromColumns([3, 3, 3, 4, 4, 4, 4, 3, 1, 1, 0]));
        Assert.Equal(ConnectFourPosition.Empty, ConnectFourPosition.FromColumns([]));
        Assert.Throws<IllegalActionException>(() => ConnectFourPosition.FromColumns([0, 0, 0, 0, 0, 0, 0]));
    }

    [Fact]
    public void TheEnvironmentsBoardGivesTheSamePositionAndTheSameRulesOverRandomGames()
    {
        var random = new SplitMix64(5);
        for (int game = 0; game < 200; game++)
        {
            var environment = new ConnectFour();
            var position = ConnectFourPosition.Empty;
            while (!environment.IsOver)
            {
                Assert.Equal(position, ConnectFourPosition.FromGame(environment));
                Assert.Equal(environment.ToPlay, position.PlayerToMove);
                int column = RandomPlayable(position, ref random);
                environment.Step(column);
                position = position.Play(column);
                Assert.Equal(environment.IsOver, position.IsOver);
                Assert.Equal(environment.Winner is not null, position.IsWon);
            }
        }
    }

    [Fact]
    public void FromStonesRejectsBoardsNoGameReaches()
    {
        ulong Cell(int column, int row) => 1UL << (7 * column + row);
        Assert.Equal(ConnectFourPosition.Parse("4455"), ConnectFourPosition.FromStones(Cell(3, 0) | Cell(4, 0), Cell(3, 1) | Cell(4, 1)));
        Assert.Contains("overlap", Assert.Throws<ArgumentException>(() => ConnectFourPosition.FromStones(Cell(3, 0), Cell(3, 0))).Message);
        Assert.Contains("sentinel", Assert.Throws<ArgumentException>(() => ConnectFourPosition.FromStones(Cell(3, 6), 0)).Message);
        Assert.Contains("floats", Assert.Throws<ArgumentException>(() => ConnectFourPosition.FromStones(Cell(3, 1), 0)).Message);
        Assert.Contains("2 stones and the second 0", Assert.Throws<ArgumentException>(() => ConnectFourPosition.FromStones(Cell(3, 0) | Cell(4, 0), 0)).Message);
        Assert.Contains("0 stones and the second 1", Assert.Throws<ArgumentException>(() => ConnectFourPosition.FromStones(0, Cell(3, 0))).Message);
    }

    [Fact]
    public void PlayRejectsColumnsOutsideTheBoardAndFullColumns()
    {
        var position = ConnectFourPosition.Parse("111111");
        Assert.False(position.CanPlay(0));
        Assert.False(position.CanPlay(-1));
        Assert.False(position.CanPlay(7));
        Assert.Throws<IllegalActionException>(() => position.Play(0));
        Assert.Throws<IllegalActionException>(() => position.Play(7));
        Assert.Throws<IllegalActionException>(() => position.Play(-1));
        Assert.Equal(ConnectFourPosition.Parse("1111112"), position.Play(1));
    }

    [Theory]
    [InlineData("112233", 3)]        // bottom row, 1-2-3 then 4
    [InlineData("223344", 0)]        // bottom row, gap on the left edge: 2-3-4 then 1
    [InlineData("445566", 6)]        // bottom row 4-5-6, completed at the right edge
    [InlineData("121212", 0)]        // vertical
    [InlineData("1223433474", 3)]    // rising diagonal: columns 1, 2, 3 at heights 1, 2, 3, then column 4 at height 4
    [InlineData("7665455414", 3)]    // falling diagonal: the mirror image
    public void WinningMovesAreFoundInEveryDirection(string moves, int winningColumn)
    {
        var position = ConnectFourPosition.Parse(moves);
        Assert.True(position.CanWinNext);
        Assert.True(position.IsWinningMove(winningColumn));
        Assert.True(position.Play(winningColumn).IsWon);
    }

    [Fact]
    public void NonLosingMovesBlockASingleThreatAndAvoidPlayingUnderOne()
    {
        // Second player to move; the first has 3, 4, 5 on the bottom row: both 2 and 6 win for them.
        Span<int> columns = stackalloc int[7];
        Assert.Equal(0, ConnectFourPosition.Parse("33445").NonLosingMoves(columns));
        // The first player has 4, 5, 6 on the bottom row and the second holds 3: only column 7 stops the win.
        var oneThreat = ConnectFourPosition.Parse("43546");
        Assert.False(oneThreat.CanWinNext);
        Assert.Equal(1, oneThreat.NonLosingMoves(columns));
        Assert.Equal(6, columns[0]);
    }

    [Fact]
    public void KeysAreDistinctForDistinctPositionsAndEqualForTranspositions()
    {
        Assert.Equal(ConnectFourPosition.Parse("4455").Key, ConnectFourPosition.Parse("5544").Key);
        Assert.Equal(ConnectFourPosition.Parse("4455"), ConnectFourPosition.Parse("5544"));
        var keys = new Dictionary<ulong, string>();
        var random = new SplitMix64(7);
        for (int game = 0; game < 300; game++)
        {
            var board = new ConnectFourReferenceBoard();
            var position = ConnectFourPosition.Empty;
            while (!position.IsOver)
            {
                string diagram = board.ToString();
                if (keys.TryGetValue(position.Key, out string? seen)) Assert.Equal(seen, diagram);
                else keys[position.Key] = diagram;
                int column = RandomPlayable(position, ref random);
                board.Play(column);
                position = position.Play(column);
            }
        }
        Assert.True(keys.Count > 5000, $"only {keys.Count} positions visited");
    }

    [Fact]
    public void RulesMatchAPlainTwoDimensionalBoardOverRandomGames()
    {
        var random = new SplitMix64(11);
        Span<int> columns = stackalloc int[7];
        for (int game = 0; game < 400; game++)
        {
            var board = new ConnectFourReferenceBoard();
            var position = ConnectFourPosition.Empty;
            while (true)
            {
                Assert.Equal(board.Moves, position.MovesPlayed);
                Assert.Equal(board.IsWon, position.IsWon);
                Assert.Equal(board.IsWon || board.Moves == 42, position.IsOver);
                for (int column = 0; column < 7; column++)
                {
                    Assert.Equal(board.Heights[column], position.ColumnHeight(column));
                    for (int row = 0; row < 6; row++) Assert.Equal(board.Cells[column, row], position.OwnerAt(column, row));
                }
                if (position.IsOver) break;

                bool canWin = false;
                for (int column = 0; column < 7; column++)
                {
                    Assert.Equal(board.Heights[column] < 6, position.CanPlay(column));
                    bool wins = board.Heights[column] < 6 && board.WinsWith(column);
                    Assert.Equal(wins, position.IsWinningMove(column));
                    canWin |= wins;
                }
                Assert.Equal(canWin, position.CanWinNext);
                if (!canWin)
                {
                    // Non-losing: after the move the opponent has no immediate win.
                    var expected = new List<int>();
                    for (int column = 0; column < 7; column++)
                    {
                        if (board.Heights[column] == 6) continue;
                        var next = board.Clone();
                        next.Play(column);
                        if (!Enumerable.Range(0, 7).Any(c => next.Heights[c] < 6 && next.WinsWith(c))) expected.Add(column);
                    }
                    int count = position.NonLosingMoves(columns);
                    Assert.Equal(expected, columns[..count].ToArray());
                }
                int move = RandomPlayable(position, ref random);
                board.Play(move);
                position = position.Play(move);
            }
        }
    }

    private static int RandomPlayable(ConnectFourPosition position, ref SplitMix64 random)
    {
        while (true)
        {
            int column = random.NextInt(7);
            if (position.CanPlay(column)) return column;
        }
    }
}
