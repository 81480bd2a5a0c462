namespace MuZero.Environments.Tests;

public sealed class MctsOpponentTests
{
    /// <summary>Plays <paramref name="games"/> games, <paramref name="first"/> moving first in the even ones; returns <paramref name="first"/>'s score (win 1, draw 1/2).</summary>
    private static double Score(Func<IBoardGame> factory, IOpponent first, IOpponent second, int games)
    {
        double score = 0;
        for (int i = 0; i < games; i++)
        {
            var game = factory();
            int firstPlayer = i % 2;
            while (!game.IsOver)
            {
                var mover = game.ToPlay == firstPlayer ? first : second;
                int action = mover.SelectAction(game);
                Assert.True(game.IsLegal(action));
                game.Step(action);
            }
            score += game.Winner is int winner ? (winner == firstPlayer ? 1 : 0) : 0.5;
        }
        return score / games;
    }

    [Fact]
    public void MorePlayoutsBeatFewerAtConnectFour()
    {
        // Under equal strength the score of 40 games is 0.5 +- 0.08; 0.8 or more has probability below 1e-4.
        double score = Score(() => new ConnectFour(), new MctsOpponent(200, 1), new MctsOpponent(10, 2), games: 40);
        Assert.True(score >= 0.8, $"mcts:200 scored only {score:P0} against mcts:10");
    }

    [Fact]
    public void MorePlayoutsBeatFewerAtTicTacToe()
    {
        // Equal players would win and lose equally often; plain UCT at 400 playouts is not perfect at tic-tac-toe (it
        // loses now and then even to the random-like side), but it must win most games and lose hardly any.
        var strong = new MctsOpponent(400, 3);
        var weak = new MctsOpponent(5, 4);
        int strongLosses = 0, strongWins = 0;
        for (int i = 0; i < 60; i++)
        {
            var game = new TicTacToe();
            int strongPlayer = i % 2;
            while (!game.IsOver) game.Step((game.ToPlay == strongPlayer ? strong : weak).SelectAction(game));
            if (game.Winner == strongPlayer) strongWins++;
            else if (game.Winner is not null) strongLosses++;
        }
        Assert.True(strongLosses <= 3 && strongWins >= 40, $"mcts:400 against mcts:5: {strongWins} wins, {strongLosses} losses in 60 games");
    }

    [Fact]
    public void TakesTheWinAndBlocksTheThreat()
    {
        // Connect Four: X wins in column 4 (O threatens column 7); then O must block column 4.
        Assert.Equal(3, new MctsOpponent(1000, 5).SelectAction(ConnectFour.FromMoves(0, 6, 1, 6, 2, 6)));
        Assert.Equal(3, new MctsOpponent(1000, 6).SelectAction(ConnectFour.FromMoves(0, 6, 1, 6, 2)));
        // Tic-tac-toe: X wins at 2 rather than blocking 5.
        Assert.Equal(2, new MctsOpponent(500, 7).SelectAction(TicTacToe.FromPosition("XX./OO./X.O")));
    }

    [Fact]
    public void OnlyMoveIsPlayedAndTheGameIsLeftAlone()
    {
        // A full board but one cell.
        var game = TicTacToe.FromPosition("XOX/XOO/OX.");
        var opponent = new MctsOpponent(50, 1);
        Assert.Equal("mcts:50", opponent.Name);
        Assert.Equal(8, opponent.SelectAction(game));
        var gomoku = new Gomoku(7, 4);
        gomoku.Step(24);
        string before = gomoku.Diagram;
        Assert.True(gomoku.IsLegal(opponent.SelectAction(gomoku)));
        Assert.Equal(before, gomoku.Diagram);
        Assert.Throws<InvalidOperationException>(() => opponent.SelectAction(TicTacToe.FromPosition("XXX/OO./...")));
        Assert.Throws<ArgumentException>(() => opponent.SelectAction(new CartPole()));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MctsOpponent(0, 1));
    }

    [Fact]
    public void SameSeedSameMoves()
    {
        var game = new Gomoku();
        int a = new MctsOpponent(300, 9).SelectAction(game);
        int b = new MctsOpponent(300, 9).SelectAction(game);
        Assert.Equal(a, b);
    }
}
