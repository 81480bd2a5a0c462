namespace MuZero.Environments.Tests;

/// <summary>What every <see cref="IBoardGame"/> offers the opponents and the play loop: notation, drawings, copies.</summary>
public sealed class BoardGameTests
{
    public static TheoryData<string> Games => new(EnvironmentRegistry.BoardGames);

    [Fact]
    public void TheBoardGamesAreTheTwoPlayerGames()
    {
        Assert.Equal(["tictactoe", "connect4", "gomoku"], EnvironmentRegistry.BoardGames);
        Assert.False(EnvironmentRegistry.IsBoardGame("cartpole"));
    }

    [Theory]
    [MemberData(nameof(Games))]
    public void EveryActionRoundTripsThroughTheNotation(string name)
    {
        var game = (IBoardGame)EnvironmentRegistry.Create(name);
        for (int action = 0; action < game.Spec.ActionCount; action++)
        {
            string text = game.FormatMove(action);
            Assert.True(game.TryParseMove(text, out int parsed, out string? error), error);
            Assert.Equal(action, parsed);
            Assert.True(game.TryParseMove($"  {text.ToUpperInvariant()} ", out parsed, out _));
            Assert.Equal(action, parsed);
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => game.FormatMove(game.Spec.ActionCount));
        Assert.Throws<ArgumentOutOfRangeException>(() => game.FormatMove(-1));
    }

    [Theory]
    [InlineData("tictactoe", "4", 4)]
    [InlineData("tictactoe", "0", 0)]
    [InlineData("connect4", "1", 0)]
    [InlineData("connect4", "7", 6)]
    [InlineData("gomoku", "e5", 40)]
    [InlineData("gomoku", "a9", 0)]
    [InlineData("gomoku", "a1", 72)]
    [InlineData("gomoku", "i1", 80)]
    [InlineData("gomoku", "I9", 8)]
    public void MovesAreReadInEachGamesNotation(string name, string text, int action)
    {
        var game = (IBoardGame)EnvironmentRegistry.Create(name);
        Assert.True(game.TryParseMove(text, out int parsed, out string? error), error);
        Assert.Equal(action, parsed);
    }

    [Theory]
    [InlineData("tictactoe", "9")]
    [InlineData("tictactoe", "-1")]
    [InlineData("tictactoe", "a1")]
    [InlineData("tictactoe", "")]
    [InlineData("connect4", "0")]
    [InlineData("connect4", "8")]
    [InlineData("connect4", "d")]
    [InlineData("connect4", "+3")]
    [InlineData("gomoku", "j1")]
    [InlineData("gomoku", "a0")]
    [InlineData("gomoku", "a10")]
    [InlineData("gomoku", "e")]
    [InlineData("gomoku", "55")]
    [InlineData("gomoku", "e 5")]
    public void MalformedMovesAreExplainedAndChangeNothing(string name, string text)
    {
        var game = (IBoardGame)EnvironmentRegistry.Create(name);
        Assert.False(game.TryParseMove(text, out int action, out string? error));
        Assert.Equal(-1, action);
        Assert.Equal($"'{text.Trim()}' is not a move: expected {game.MoveNotation}", error);
        Assert.Equal(0, game.StepCount);
    }

    [Fact]
    public void IllegalMovesSayWhy()
    {
        var ticTacToe = TicTacToe.FromMoves(4);
        Assert.False(ticTacToe.TryParseMove("4", out _, out string? error));
        Assert.Equal("cell 4 is occupied", error);

        var connectFour = ConnectFour.FromMoves(2, 2, 2, 2, 2, 2);
        Assert.False(connectFour.TryParseMove("3", out _, out error));
        Assert.Equal("column 3 is full", error);

        var gomoku = new Gomoku();
        gomoku.Step(40);
        Assert.False(gomoku.TryParseMove("e5", out _, out error));
        Assert.Equal("e5 is occupied", error);

        var over = ConnectFour.FromMoves(0, 1, 0, 1, 0, 1, 0);
        Assert.False(over.TryParseMove("4", out _, out error));
        Assert.Equal("the game is over", error);
    }

    [Fact]
    public void RenderingsShowTheBoardWithItsCoordinates()
    {
        Assert.Equal("X . .    0 1 2\n. O .    3 4 5\n. . .    6 7 8\n", TicTacToe.FromMoves(0, 4).Render());

        string connectFour = ConnectFour.FromMoves(3, 3, 4).Render();
        Assert.Equal(
            ". . . . . . .\n. . . . . . .\n. . . . . . .\n. . . . . . .\n. . . O . . .\n. . . X X . .\n1 2 3 4 5 6 7\n",
            connectFour);

        var gomoku = new Gomoku(5, 4);
        gomoku.Step(12); // c3, the centre
        gomoku.Step(20); // a1
        Assert.Equal(" 5 . . . . .\n 4 . . . . .\n 3 . . X . .\n 2 . . . . .\n 1 O . . . .\n   a b c d e\n", gomoku.Render());
        Assert.Equal("...../...../..X../...../O....", gomoku.Diagram);
    }

    [Theory]
    [MemberData(nameof(Games))]
    public void ClonesAndCopiesAreIndependent(string name)
    {
        var game = (IBoardGame)EnvironmentRegistry.Create(name);
        Span<int> moves = stackalloc int[game.Spec.ActionCount];
        game.Step(moves[..game.WriteSearchMoves(moves)][0]);
        var clone = game.Clone();
        Assert.Equal(game.Diagram, clone.Diagram);
        Assert.Equal(game.ToPlay, clone.ToPlay);
        clone.Step(moves[..clone.WriteSearchMoves(moves)][0]);
        Assert.NotEqual(game.Diagram, clone.Diagram);
        Assert.Equal(1, game.StepCount);

        game.CopyFrom(clone);
        Assert.Equal(clone.Diagram, game.Diagram);
        Assert.Equal(2, game.StepCount);
        Assert.Equal(clone.ToPlay, game.ToPlay);
    }

    [Fact]
    public void CopiesBetweenDifferentGamesOrSizesAreRefused()
    {
        IBoardGame gomoku = new Gomoku(9, 5);
        Assert.Throws<ArgumentException>(() => gomoku.CopyFrom(new Gomoku(11, 5)));
        Assert.Throws<ArgumentException>(() => gomoku.CopyFrom(new Gomoku(9, 4)));
        Assert.Throws<ArgumentException>(() => gomoku.CopyFrom(new ConnectFour()));
        Assert.Throws<ArgumentException>(() => ((IBoardGame)new TicTacToe()).CopyFrom(new ConnectFour()));
    }

    [Theory]
    [MemberData(nameof(Games))]
    public void SearchMovesAreLegalAndDistinct(string name)
    {
        var game = (IBoardGame)EnvironmentRegistry.Create(name);
        var random = new Random(3);
        var moves = new int[game.Spec.ActionCount];
        while (!game.IsOver)
        {
            int count = game.WriteSearchMoves(moves);
            Assert.InRange(count, 1, game.Spec.ActionCount);
            Assert.All(moves[..count], move => Assert.True(game.IsLegal(move)));
            Assert.Equal(count, moves[..count].Distinct().Count());
            Assert.InRange(Math.Abs(game.Heuristic()), 0, IBoardGame.HeuristicLimit - 1);
            game.Step(moves[random.Next(count)]);
        }
        Assert.Equal(0, game.WriteSearchMoves(moves));
    }

    [Fact]
    public void GomokuSearchesTheCellsNearTheStones()
    {
        var game = new Gomoku();
        var moves = new int[81];
        // Empty board: the 5 x 5 block around the centre, the centre first.
        int count = game.WriteSearchMoves(moves);
        Assert.Equal(25, count);
        Assert.Equal(40, moves[0]);
        game.Step(0); // a9, the top-left corner
        count = game.WriteSearchMoves(moves);
        // Within two of the corner stone: a 3 x 3 block less the stone; the three neighbours come first.
        Assert.Equal(8, count);
        Assert.Equal(new[] { 1, 9, 10 }, moves[..3].Order());
    }

    [Fact]
    public void HeuristicCountsOpenWindowsForThePlayerToMove()
    {
        // Tic-tac-toe: X in the centre lies on four lines (4 windows with one X), O to move: -4 for O.
        var game = TicTacToe.FromMoves(4);
        Assert.Equal(-4, game.Heuristic());
        // O in a corner kills the diagonal it shares with the centre and holds its row and column alone: X keeps 3
        // windows with one stone, O has 2. X to move: 3 - 2.
        game.Step(0);
        Assert.Equal(1, game.Heuristic());
    }
}
