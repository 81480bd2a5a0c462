using MuZero.Environments;
using MuZero.Training.Evaluation;

namespace MuZero.Training.Tests.Evaluation;

public sealed class RandomOpeningTests
{
    private static string Opening(RandomOpening opening, string game, int index)
    {
        var environment = (IBoardGame)EnvironmentRegistry.Create(game);
        environment.Reset(0);
        opening.Play(environment, index);
        Assert.Equal(opening.Plies, environment.StepCount);
        Assert.False(environment.IsOver);
        return environment.Diagram;
    }

    [Fact]
    public void AnOpeningIsAFunctionOfSeedAndIndex()
    {
        var a = new RandomOpening(2, seed: 9);
        var b = new RandomOpening(2, seed: 9);
        for (int i = 0; i < 20; i++) Assert.Equal(Opening(a, "connect4", i), Opening(b, "connect4", i));
        // Another seed gives other openings (49 two-ply Connect Four openings: 20 equal by chance is impossible in practice).
        var other = new RandomOpening(2, seed: 10);
        Assert.Contains(Enumerable.Range(0, 20), i => Opening(other, "connect4", i) != Opening(a, "connect4", i));
    }

    [Fact]
    public void OpeningsCoverTheLegalMovesUniformly()
    {
        // Two plies of TicTacToe: X's move is uniform over the 9 cells, so each appears about 1/9 of the time.
        var opening = new RandomOpening(2, seed: 1);
        const int openings = 9000;
        var firstMove = new int[9];
        var distinct = new HashSet<string>();
        for (int i = 0; i < openings; i++)
        {
            string diagram = Opening(opening, "tictactoe", i);
            distinct.Add(diagram);
            firstMove[diagram.Replace("/", "", StringComparison.Ordinal).IndexOf('X', StringComparison.Ordinal)]++;
            Assert.Equal(1, diagram.Count(ch => ch == 'O'));
        }
        Assert.Equal(72, distinct.Count); // 9 x 8 ordered pairs of cells
        Assert.All(firstMove, count => Assert.InRange(count, 900, 1100));
    }

    [Fact]
    public void NoMoveThatEndsTheGameIsChosen()
    {
        // By the fifth ply of TicTacToe a random move often completes a line (X wins); such moves are never played,
        // so after six plies no game is over.
        var opening = new RandomOpening(6, seed: 3);
        for (int i = 0; i < 300; i++) Opening(opening, "tictactoe", i);
        // Nine plies would fill the board: every last move ends the game.
        var tooLong = new RandomOpening(9, seed: 3);
        var error = Assert.Throws<ArgumentException>(() => Opening(tooLong, "tictactoe", 0));
        Assert.Contains("9 opening plies are too many for tictactoe", error.Message);
    }

    [Fact]
    public void NoPliesChangeNothingAndOtherGamesAreRefused()
    {
        Assert.Equal(".../.../...", Opening(new RandomOpening(0, 5), "tictactoe", 3));
        var cartPole = EnvironmentRegistry.Create("cartpole");
        cartPole.Reset(0);
        new RandomOpening(0, 5).Play(cartPole, 0);
        Assert.Equal("random openings need a board game; cartpole is not one",
            Assert.Throws<ArgumentException>(() => new RandomOpening(1, 5).Play(cartPole, 0)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new RandomOpening(-1, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RandomOpening(RandomOpening.MaxPlies + 1, 5));
    }
}
