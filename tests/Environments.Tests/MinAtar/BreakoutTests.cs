using MuZero.Environments.MinAtar;
using static MuZero.Environments.MinAtar.MinAtarAction;
using static MuZero.Environments.Tests.MinAtar.MinAtarObservation;

namespace MuZero.Environments.Tests.MinAtar;

public sealed class BreakoutTests
{
    private static Breakout Game(int paddleX, int ballX, int ballY, int direction, bool strike = false, GridMask? bricks = null)
    {
        var game = new Breakout(Exact);
        game.PlacePaddle(paddleX);
        game.PlaceBall(ballX, ballY, direction, strike);
        game.PlaceBricks(bricks ?? GridMask.Empty);
        return game;
    }

    [Fact]
    public void ResetPutsTheBallOnEitherSideAboveAFullWall()
    {
        var starts = new HashSet<(int, int, int)>();
        var game = new Breakout(Exact);
        for (ulong seed = 0; seed < 40; seed++)
        {
            game.Reset(seed);
            starts.Add((game.BallX, game.BallY, game.BallDirection));
            Assert.Equal(4, game.PaddleX);
            Assert.Equal(30, game.Bricks.Count);
            Assert.Equal((game.BallX, game.BallY), (game.TrailX, game.TrailY));
        }
        Assert.Equal([(0, 3, Breakout.DownRight), (9, 3, Breakout.DownLeft)], starts.Order());
        Assert.Equal([(4, 9)], Cells(game, 0));
        Assert.Equal(30, Cells(game, 3).Length);
        Assert.All(Cells(game, 3), c => Assert.InRange(c.Y, 1, 3));
    }

    [Fact]
    public void BallMovesDiagonallyLeavingItsTrail()
    {
        var game = Game(paddleX: 0, ballX: 4, ballY: 5, Breakout.DownRight);
        Assert.Equal(new StepResult(0, false, false), game.Step(NoOp));
        Assert.Equal((5, 6), (game.BallX, game.BallY));
        Assert.Equal([(5, 6)], Cells(game, 1));
        Assert.Equal([(4, 5)], Cells(game, 2));
    }

    [Fact]
    public void SideWallMirrorsTheBallWhichThenMovesOnlyVertically()
    {
        var game = Game(paddleX: 0, ballX: 0, ballY: 5, Breakout.DownLeft);
        game.Step(NoOp);
        Assert.Equal((0, 6, Breakout.DownRight), (game.BallX, game.BallY, game.BallDirection));
        game.Step(NoOp);
        Assert.Equal((1, 7), (game.BallX, game.BallY));
    }

    [Fact]
    public void CeilingMirrorsTheBallKeepingItsNewColumn()
    {
        var game = Game(paddleX: 0, ballX: 4, ballY: 0, Breakout.UpRight);
        game.Step(NoOp);
        Assert.Equal((5, 0, Breakout.DownRight), (game.BallX, game.BallY, game.BallDirection));
        game = Game(paddleX: 0, ballX: 9, ballY: 0, Breakout.UpRight); // corner: both walls
        game.Step(NoOp);
        Assert.Equal((9, 0, Breakout.DownLeft), (game.BallX, game.BallY, game.BallDirection));
    }

    [Fact]
    public void BreakingABrickPaysOneAndTheBallKeepsItsRowAtTheNewColumn()
    {
        var game = Game(paddleX: 0, ballX: 4, ballY: 5, Breakout.UpRight, bricks: GridMask.Cell(5, 4) | GridMask.Cell(0, 1));
        Assert.Equal(1f, game.Step(NoOp).Reward);
        Assert.Equal((5, 5, Breakout.DownRight), (game.BallX, game.BallY, game.BallDirection));
        Assert.True(game.Strike);
        Assert.Equal(GridMask.Cell(0, 1), game.Bricks);
        Assert.Equal(0f, game.Step(NoOp).Reward);
        Assert.Equal((6, 6), (game.BallX, game.BallY));
        Assert.False(game.Strike);
    }

    [Fact]
    public void OnTheStepAfterAStrikeTheBallEntersABrickWithoutBreakingIt()
    {
        var bricks = GridMask.Cell(5, 2) | GridMask.Cell(6, 4);
        var game = Game(paddleX: 0, ballX: 4, ballY: 3, Breakout.UpRight, bricks: bricks);
        Assert.Equal(1f, game.Step(NoOp).Reward); // breaks (5, 2), stays in row 3 at column 5, now moving down-right
        Assert.Equal((5, 3, Breakout.DownRight), (game.BallX, game.BallY, game.BallDirection));
        Assert.Equal(0f, game.Step(NoOp).Reward); // (6, 4) holds a brick: entered, not broken
        Assert.Equal((6, 4, Breakout.DownRight), (game.BallX, game.BallY, game.BallDirection));
        Assert.True(game.Bricks.Contains(6, 4));
        Assert.True(game.Strike);
        game.Step(NoOp);
        Assert.Equal((7, 5), (game.BallX, game.BallY));
        Assert.False(game.Strike);
    }

    [Fact]
    public void PaddleUnderTheBallMirrorsIt()
    {
        var game = Game(paddleX: 3, ballX: 3, ballY: 8, Breakout.DownRight, bricks: GridMask.Cell(0, 1));
        var result = game.Step(NoOp);
        Assert.False(result.Terminated);
        Assert.Equal((4, 8, Breakout.UpRight), (game.BallX, game.BallY, game.BallDirection));
    }

    [Fact]
    public void PaddleWhereTheBallLandsSendsItBackTheWayItCame()
    {
        var game = Game(paddleX: 3, ballX: 4, ballY: 8, Breakout.DownLeft, bricks: GridMask.Cell(0, 1));
        Assert.False(game.Step(NoOp).Terminated);
        Assert.Equal((3, 8, Breakout.UpRight), (game.BallX, game.BallY, game.BallDirection));
        game = Game(paddleX: 3, ballX: 2, ballY: 8, Breakout.DownRight, bricks: GridMask.Cell(0, 1));
        Assert.False(game.Step(NoOp).Terminated);
        Assert.Equal((3, 8, Breakout.UpLeft), (game.BallX, game.BallY, game.BallDirection));
    }

    [Fact]
    public void MissingTheBallEndsTheEpisodeWithTheBallInTheBottomRow()
    {
        var game = Game(paddleX: 7, ballX: 3, ballY: 8, Breakout.DownRight, bricks: GridMask.Cell(0, 1));
        Assert.Equal(new StepResult(0, true, false), game.Step(NoOp));
        Assert.True(game.IsOver);
        Assert.Equal([(4, 9)], Cells(game, 1));
        Assert.False(game.IsLegal(NoOp));
        Assert.Throws<IllegalActionException>(() => game.Step(NoOp));
    }

    [Fact]
    public void TheWallIsRebuiltWhenTheBallReachesTheBottomAfterTheLastBrick()
    {
        var game = Game(paddleX: 3, ballX: 3, ballY: 8, Breakout.DownRight);
        game.Step(NoOp);
        Assert.Equal(Breakout.Wall, game.Bricks);
    }

    [Fact]
    public void PaddleMovesLeftAndRightWithinTheGridAndIgnoresTheOtherActions()
    {
        var game = Game(paddleX: 1, ballX: 4, ballY: 0, Breakout.DownRight);
        int[] actions = [Left, Left, Up, Down, Fire, NoOp, Right];
        int[] expected = [0, 0, 0, 0, 0, 0, 1];
        for (int i = 0; i < actions.Length; i++)
        {
            game.Step(actions[i]);
            Assert.Equal(expected[i], game.PaddleX);
        }
        game.PlacePaddle(9);
        game.Step(Right);
        Assert.Equal(9, game.PaddleX);
    }
}
