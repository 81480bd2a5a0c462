using MuZero.Environments.MinAtar;
using static MuZero.Environments.MinAtar.MinAtarAction;
using static MuZero.Environments.Tests.MinAtar.MinAtarObservation;

namespace MuZero.Environments.Tests.MinAtar;

public sealed class SpaceInvadersTests
{
    private const int AlienChannel = 1;
    private const int FriendlyBulletChannel = 4;
    private const int EnemyBulletChannel = 5;

    private static SpaceInvaders Game(int cannonX, GridMask aliens, bool movingLeft = true, GridMask friendly = default, GridMask enemy = default,
        int alienMoveTimer = 50, int alienShotTimer = 50, int shotTimer = 0)
    {
        var game = new SpaceInvaders(Exact);
        game.PlaceObjects(cannonX, aliens, friendly, enemy, movingLeft);
        game.SetTimers(alienMoveTimer, alienShotTimer, shotTimer);
        return game;
    }

    [Fact]
    public void DoingNothingEndsOnStep17FromTheFirstAlienShot()
    {
        var game = new SpaceInvaders(Exact);
        Assert.Equal(SpaceInvaders.Wave, game.Aliens);
        for (int step = 1; step <= 10; step++) game.Step(NoOp);
        Assert.Empty(Cells(game, EnemyBulletChannel));
        game.Step(NoOp); // step 11: the lowest alien of column 5 fires from its own cell
        Assert.Equal([(5, 3)], Cells(game, EnemyBulletChannel));
        game.Step(NoOp);
        Assert.Equal(SpaceInvaders.Wave, game.Aliens);
        game.Step(NoOp); // step 13: the first march, to the left
        Assert.Equal(GridMask.Rectangle(1, 6, 0, 3), game.Aliens);
        for (int step = 14; step <= 16; step++) Assert.False(game.Step(NoOp).Done);
        Assert.Equal(new StepResult(0, true, false), game.Step(NoOp));
        Assert.Equal(17, game.StepCount);
    }

    [Fact]
    public void CannonFiresFromTheBottomRowAtMostEveryFiveStepsAndMovesOtherwise()
    {
        var game = Game(4, GridMask.Cell(0, 0));
        game.Step(Fire);
        Assert.Equal([(4, 8)], Cells(game, FriendlyBulletChannel));
        game.Step(Fire);
        game.Step(Left);
        Assert.Equal([(4, 6)], Cells(game, FriendlyBulletChannel)); // one bullet: the second fire was cooling down
        Assert.Equal(3, game.CannonX);
        game.Step(Up);
        game.Step(Down);
        Assert.Equal(3, game.CannonX);
        game.Step(Fire); // step 6: ready again
        Assert.Equal([(4, 3), (3, 8)], Cells(game, FriendlyBulletChannel));
        for (int step = 7; step <= 9; step++) game.Step(Right);
        Assert.Equal(6, game.CannonX);
        Assert.Equal([(4, 0), (3, 5)], Cells(game, FriendlyBulletChannel));
        game.Step(NoOp);
        Assert.Equal([(3, 4)], Cells(game, FriendlyBulletChannel)); // the top-row bullet disappeared
    }

    [Fact]
    public void ABulletMeetingAnAlienPaysOneAndRemovesBoth()
    {
        var aliens = GridMask.Cell(5, 7) | GridMask.Cell(2, 2);
        var game = Game(5, aliens);
        Assert.Equal(0f, game.Step(Fire).Reward);
        Assert.Equal(new StepResult(1, false, false), game.Step(NoOp));
        Assert.Equal(GridMask.Cell(2, 2), game.Aliens);
        Assert.Empty(Cells(game, FriendlyBulletChannel));
    }

    [Fact]
    public void AliensStepDownAndTurnAtTheEdgeInsteadOfMovingSideways()
    {
        var aliens = GridMask.Rectangle(0, 1, 2, 3);
        var game = Game(9, aliens, movingLeft: true, alienMoveTimer: 0);
        game.Step(NoOp);
        Assert.Equal(GridMask.Rectangle(0, 1, 3, 4), game.Aliens);
        Assert.False(game.AliensMovingLeft);
        Assert.Equal(3, game.AlienMoveTimer); // min(4 aliens, 12), counted down once
        for (int step = 0; step < 4; step++) game.Step(NoOp);
        Assert.Equal(GridMask.Rectangle(1, 2, 3, 4), game.Aliens);
        Assert.Equal([(1, 3), (2, 3), (1, 4), (2, 4)], Cells(game, 3)); // alien_right
        Assert.Empty(Cells(game, 2));
    }

    [Fact]
    public void ALoneAlienMovesEveryStep()
    {
        var game = Game(0, GridMask.Cell(6, 1), movingLeft: false, alienMoveTimer: 0);
        var columns = new List<int>();
        for (int step = 0; step < 5; step++)
        {
            game.Step(NoOp);
            columns.Add(Cells(game, AlienChannel).Single().X);
        }
        Assert.Equal([7, 8, 9, 9, 8], columns); // at the edge it steps down (row 2) and turns
        Assert.Equal(GridMask.Cell(8, 2), game.Aliens);
    }

    [Fact]
    public void TheNearestColumnFiresTiesGoingToTheLowerColumn()
    {
        var aliens = GridMask.Cell(3, 1) | GridMask.Cell(3, 4) | GridMask.Cell(7, 6) | GridMask.Cell(0, 8);
        var game = Game(5, aliens, alienShotTimer: 0);
        game.Step(NoOp);
        Assert.Equal(GridMask.Cell(3, 4), game.EnemyBullets); // columns 3 and 7 are both 2 away: column 3, its lowest alien
        Assert.Equal(9, game.AlienShotTimer);
        game.Step(NoOp);
        Assert.Equal(GridMask.Cell(3, 5), game.EnemyBullets);
    }

    [Fact]
    public void AnEnemyBulletOrAnAlienInTheCannonCellEndsTheEpisodeAndTheStepStillPays()
    {
        var aliens = GridMask.Cell(6, 2) | GridMask.Cell(0, 0);
        var game = Game(3, aliens, friendly: GridMask.Cell(6, 3), enemy: GridMask.Cell(3, 8));
        Assert.Equal(new StepResult(1, true, false), game.Step(NoOp));

        var landed = Game(4, GridMask.Cell(5, 9), movingLeft: true, alienMoveTimer: 0);
        Assert.True(landed.Step(NoOp).Terminated);

        var mustDescend = Game(4, GridMask.Cell(0, 9), movingLeft: true, alienMoveTimer: 0);
        Assert.True(mustDescend.Step(NoOp).Terminated);
    }

    [Fact]
    public void AClearedWaveIsReplacedFasterWithRampingDownToSix()
    {
        foreach (bool ramping in new[] { true, false })
        {
            var game = new SpaceInvaders(Exact with { Ramping = ramping });
            var intervals = new List<int>();
            for (int wave = 0; wave < 8; wave++)
            {
                game.PlaceObjects(5, GridMask.Cell(5, 7), GridMask.Cell(5, 8), GridMask.Empty, aliensMovingLeft: true);
                game.SetTimers(50, 50, 0);
                Assert.Equal(1f, game.Step(NoOp).Reward);
                Assert.Equal(SpaceInvaders.Wave, game.Aliens);
                intervals.Add(game.MoveInterval);
            }
            Assert.Equal(ramping ? [11, 10, 9, 8, 7, 6, 6, 6] : [12, 12, 12, 12, 12, 12, 12, 12], intervals);
        }
    }
}
