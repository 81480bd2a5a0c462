namespace MuZero.Environments.Tests;

public sealed class ConnectFourOpeningTableTests
{
    [Fact]
    public void CanonicalPositionsAreOneOfEachMirrorPair()
    {
        // 0 stones: the empty board. 1: columns 1..4 (5..7 mirror 3..1). 2: of the 49 two-stone positions only 44 is its own
        // mirror image, so (49 + 1) / 2 = 25. 3 and 4: 238 and 1,120 positions (every move sequence of that length is legal,
        // and distinct boards were counted by an independent enumeration), 121 and 568 up to mirroring.
        Assert.Equal([1, 4, 25, 121, 568], Enumerable.Range(0, 5).Select(d => ConnectFourOpeningTable.CanonicalPositions(d).Count));
        Assert.Equal(["1", "2", "3", "4"], ConnectFourOpeningTable.CanonicalPositions(1).Select(p => p.Moves));
        foreach (var (moves, position) in ConnectFourOpeningTable.CanonicalPositions(2))
        {
            Assert.Equal(ConnectFourPosition.Parse(moves), position);
            Assert.Equal(2, position.MovesPlayed);
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => ConnectFourOpeningTable.CanonicalPositions(7));
    }

    [Fact]
    public void ShallowerOutcomesAreDerivedByNegamaxAndMirrorImagesShareThem()
    {
        // A made-up depth-1 table: the second player (to move) wins after 1, draws after 2 and 3, loses after 4.
        var table = Parse("# made up\n1 1\n2 0\n\n3 0\n4 -1\n");
        Assert.Equal(1, table.Depth);
        Assert.Equal(4, table.SolvedPositions);
        Assert.Equal(5, table.Count);
        Assert.Equal(1, Outcome(table, ""));   // the first player picks 4, the second's loss
        Assert.Equal(1, Outcome(table, "1"));
        Assert.Equal(1, Outcome(table, "7"));  // mirror of 1
        Assert.Equal(0, Outcome(table, "6"));  // mirror of 2
        Assert.Equal(-1, Outcome(table, "4"));
        Assert.False(table.TryGetOutcome(ConnectFourPosition.Parse("44"), out _)); // deeper than the table

        // Two stones, made up: a draw when the first stone is in the centre, else a win for the first player.
        string lines = string.Join('\n', ConnectFourOpeningTable.CanonicalPositions(2).Select(p => $"{p.Moves} {(p.Moves[0] == '4' ? 0 : 1)}"));
        var deeper = Parse(lines);
        Assert.Equal(2, deeper.Depth);
        Assert.Equal(-1, Outcome(deeper, "1")); // every reply of the second player leaves the first player a win
        Assert.Equal(0, Outcome(deeper, "4"));
        Assert.Equal(1, Outcome(deeper, ""));   // so the first player opens off the centre and wins
        Assert.Equal(0, Outcome(deeper, "41"));
        Assert.Equal(1, Outcome(deeper, "71")); // mirror of 17
    }

    [Theory]
    [InlineData("1 1\n2\n3 0\n4 0", "t:2: expected '<moves> <outcome>', got '2'")]
    [InlineData("1 1\n2 2\n3 0\n4 0", "t:2: expected an outcome -1, 0 or 1, got '2'")]
    [InlineData("1 1\n2 0\n8 0\n4 0", "t:3: move 1 of \"8\": '8' is not a column 1..7")]
    [InlineData("1 1\n2 0\n33 0\n4 0", "t:3: expected a position with 1 stones like the lines before, got 2 ('33')")]
    [InlineData("1 1\n2 0\n7 0\n4 0", "t:3: '7' (or its mirror image) is listed twice")]
    [InlineData("1 1\n2 0\n4 0", "t: expected all 4 positions with 1 stones, got 3; missing e.g. '3'")]
    [InlineData("# nothing\n", "t: no positions (expected lines '<moves> <outcome>')")]
    public void MalformedTablesAreOneLineNamingThePlace(string text, string message)
    {
        var error = Assert.Throws<FormatException>(() => Parse(text));
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void TheShippedTableSaysOnlyTheCentreWinsForTheFirstPlayer()
    {
        // The known result (Allen; Allis, 1988): the first player wins by opening in the centre column, draws with the
        // two columns beside it and loses with the other four. The table's own positions are deeper, so this checks
        // them and the derivation together.
        var table = ConnectFourOpeningTable.Default;
        Assert.Equal(3, table.Depth);
        Assert.Equal(1, Outcome(table, ""));
        int[] firstPlayer = [.. Enumerable.Range(1, 7).Select(column => -Outcome(table, column.ToString(System.Globalization.CultureInfo.InvariantCulture)))];
        Assert.Equal([-1, -1, 0, 1, 0, -1, -1], firstPlayer);
    }

    [Theory]
    [InlineData("337", 1)]
    [InlineData("315", 0)]
    [InlineData("262", -1)]
    public void ShippedLinesReSolveToTheSameOutcome(string moves, int outcome)
    {
        // One line of each outcome, chosen among the table's lines for being cheap to solve from scratch (about 10, 40 and
        // 40 million nodes: a second or two each); ASampleOfTheShippedTableReSolvesToTheSameOutcomes takes a random sample.
        var table = ConnectFourOpeningTable.Default;
        Assert.Equal(3, table.Depth);
        Assert.Equal(121, table.SolvedPositions);
        Assert.Equal(outcome, Outcome(table, moves));
        Assert.Equal(outcome, new ConnectFourSolver().Solve(ConnectFourPosition.Parse(moves), ConnectFourSolveMode.Weak));
    }

    [Fact]
    public void TwoStoneOutcomesSolvedOnTheirOwnAgreeWithTheShippedTable()
    {
        // The 25 two-stone positions were solved separately (muzero solve --opening-table 2); the shipped table of three-stone
        // positions must imply the same outcomes for all of them.
        string[] solvedOnTheirOwn =
        [
            "11 1", "12 -1", "13 -1", "14 -1", "15 1", "16 -1", "17 1", "21 1", "22 0", "23 -1", "24 0", "25 1", "26 1",
            "27 1", "31 1", "32 1", "33 0", "34 0", "35 0", "36 0", "37 1", "41 1", "42 1", "43 1", "44 1",
        ];
        var table = ConnectFourOpeningTable.Default;
        Assert.Equal(ConnectFourOpeningTable.CanonicalPositions(2).Count, solvedOnTheirOwn.Length);
        foreach (string line in solvedOnTheirOwn)
        {
            string[] fields = line.Split(' ');
            Assert.True(int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture) == Outcome(table, fields[0]), line);
        }
    }

    [SlowFact]
    public void ASampleOfTheShippedTableReSolvesToTheSameOutcomes()
    {
        // A position with three stones takes the solver from a second to minutes, so this samples three lines (fixed
        // seed) of the shipped table and solves them again from scratch.
        using var stream = typeof(ConnectFourOpeningTable).Assembly.GetManifestResourceStream(ConnectFourOpeningTable.ResourceName)!;
        var lines = new StreamReader(stream).ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => !l.StartsWith('#')).ToArray();
        Assert.Equal(ConnectFourOpeningTable.Default.SolvedPositions, lines.Length);
        var random = new Random(2024);
        foreach (string line in random.GetItems(lines, 3).Distinct())
        {
            string[] fields = line.Split(' ');
            int solved = new ConnectFourSolver().Solve(ConnectFourPosition.Parse(fields[0]), ConnectFourSolveMode.Weak);
            Assert.True(int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture) == solved, $"'{line}': the solver finds {solved}");
        }
    }

    private static ConnectFourOpeningTable Parse(string text) => ConnectFourOpeningTable.Parse(new StringReader(text), "t");

    private static int Outcome(ConnectFourOpeningTable table, string moves)
    {
        Assert.True(table.TryGetOutcome(ConnectFourPosition.Parse(moves), out int outcome), $"no outcome for '{moves}'");
        return outcome;
    }
}
