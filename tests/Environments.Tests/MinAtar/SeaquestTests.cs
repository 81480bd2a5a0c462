using MuZero.Environments.MinAtar;
using static MuZero.Environments.MinAtar.MinAtarAction;
using static MuZero.Environments.Tests.MinAtar.MinAtarObservation;

namespace MuZero.Environments.Tests.MinAtar;

public sealed class SeaquestTests
{
    private const int FriendlyBulletChannel = 2;
    private const int EnemyBulletChannel = 4;
    private const int OxygenChannel = 7;
    private const int DiverGaugeChannel = 8;

    // A game without spawns (their timers pushed far away), so that only hand-placed objects exist.
    private static Seaquest Calm(int x = 5, int y = 4, bool facingLeft = true)
    {
        var game = new Seaquest(Exact);
        game.PlaceSub(x, y, facingLeft, surfaced: y == 0);
        game.SetSpawnTimers(10_000, 10_000);
        return game;
    }

    [Fact]
    public void EnemySpawnAttemptsComeOnStep21AndDiversOnStep31()
    {
        var game = new Seaquest(Exact);
        int firstEnemy = 0, firstDiver = 0;
        for (int step = 1; step <= 31; step++)
        {
            game.Step(NoOp);
            if (firstEnemy == 0 && game.Fish.Count + game.EnemySubs.Count > 0) firstEnemy = step;
            if (firstDiver == 0 && game.SwimmingDivers.Count > 0) firstDiver = step;
        }
        Assert.Equal((21, 31), (firstEnemy, firstDiver));
    }

    [Fact]
    public void SpawnedEnemiesStartAtTheEdgeTheyMoveFromAndNeverHeadOnIntoARow()
    {
        var kinds = new HashSet<(bool Sub, bool Right)>();
        var game = new Seaquest(Exact);
        for (ulong seed = 0; seed < 60; seed++)
        {
            game.Reset(seed);
            game.SetSpawnTimers(0, 10_000);
            game.Step(NoOp);
            bool sub = game.EnemySubs.Count == 1;
            ref var enemy = ref (sub ? game.EnemySubs : game.Fish)[0];
            Assert.Equal(enemy.MovingRight ? 0 : 9, enemy.X);
            Assert.InRange(enemy.Y, 1, 8);
            Assert.Equal(4, enemy.MoveTimer); // the current move speed 5, counted down once
            if (sub) Assert.Equal(9, enemy.ShotTimer);
            kinds.Add((sub, enemy.MovingRight));
        }
        Assert.Equal(4, kinds.Count);

        // Right-moving fish in every row: a left-moving spawn would meet one head-on and is dropped.
        for (ulong seed = 0; seed < 60; seed++)
        {
            game.Reset(seed);
            for (int y = 1; y <= 8; y++) game.Fish.Add(new MovingObject(4, y, movingRight: true, moveTimer: 100));
            game.SetSpawnTimers(0, 10_000);
            game.Step(NoOp);
            int added = game.Fish.Count - 8 + game.EnemySubs.Count;
            Assert.InRange(added, 0, 1);
            if (game.EnemySubs.Count == 1) Assert.True(game.EnemySubs[0].MovingRight);
            if (game.Fish.Count == 9) Assert.True(game.Fish[8].MovingRight);
        }
    }

    [Fact]
    public void EnemiesMoveEverySixStepsAndCollideOnlyWithTheFrontCell()
    {
        var game = Calm(x: 5, y: 4, facingLeft: true); // back cell at (6, 4)
        game.Fish.Add(new MovingObject(8, 4, movingRight: false, moveTimer: 5));
        var columns = new List<int>();
        for (int step = 1; step <= 12; step++)
        {
            Assert.False(game.Step(NoOp).Terminated);
            columns.Add(game.Fish[0].X);
        }
        Assert.Equal([8, 8, 8, 8, 8, 7, 7, 7, 7, 7, 7, 6], columns); // (6, 4) is the back cell: no collision
        for (int step = 13; step < 18; step++) Assert.False(game.Step(NoOp).Terminated);
        Assert.True(game.Step(NoOp).Terminated); // step 18: onto the front cell
    }

    [Fact]
    public void SubFiresAheadOnceEveryFiveStepsAndABulletKillsTheFirstEnemyInItsCell()
    {
        var game = Calm(x: 5, y: 4, facingLeft: true);
        game.Fish.Add(new MovingObject(2, 4, movingRight: true, moveTimer: 100));
        game.Step(Fire);
        Assert.Equal([(4, 4)], Cells(game, FriendlyBulletChannel));
        Assert.Equal(4, game.ShotTimer);
        game.Step(Fire); // cooling down: no second bullet
        Assert.Equal(1, game.FriendlyBullets.Count);
        Assert.Equal(new StepResult(1, false, false), game.Step(NoOp)); // the bullet reaches the fish at (2, 4)
        Assert.Equal(0, game.FriendlyBullets.Count);
        Assert.Equal(0, game.Fish.Count);

        game.PlaceSub(8, 4, facingLeft: false, surfaced: false);
        game.SetSupplies(oxygen: 100, divers: 0, shotTimer: 0);
        game.Step(Fire);
        game.Step(NoOp);
        Assert.Equal(0, game.FriendlyBullets.Count); // left the grid on the right
    }

    [Fact]
    public void AnEnemySubFiresEveryElevenStepsEvenOnTheStepItIsDestroyed()
    {
        var game = Calm(x: 0, y: 8);
        game.EnemySubs.Add(new MovingObject(3, 2, movingRight: true, moveTimer: 100, shotTimer: 0));
        game.Step(NoOp);
        Assert.Equal([(4, 2)], Cells(game, EnemyBulletChannel)); // fired from (3, 2), then moved one cell
        for (int step = 2; step <= 11; step++) game.Step(NoOp);
        Assert.Equal(0, game.EnemyBullets.Count); // the first shot left the grid on step 7
        game.Step(NoOp); // step 12: fires again
        Assert.Equal([(4, 2)], Cells(game, EnemyBulletChannel));

        var doomed = Calm(x: 0, y: 8);
        doomed.EnemySubs.Add(new MovingObject(3, 5, movingRight: true, moveTimer: 0, shotTimer: 0));
        doomed.FriendlyBullets.Add(new MovingObject(5, 5, movingRight: false));
        Assert.Equal(1f, doomed.Step(NoOp).Reward); // the bullet moves to (4, 5), the sub moves onto it
        Assert.Equal(0, doomed.EnemySubs.Count);
        Assert.Equal([(5, 5)], Cells(doomed, EnemyBulletChannel)); // its last shot, fired from (4, 5)
    }

    [Fact]
    public void EnemyBulletsEndTheEpisodeOnTheFrontCell()
    {
        var game = Calm(x: 5, y: 4);
        game.EnemyBullets.Add(new MovingObject(4, 4, movingRight: true));
        Assert.True(game.Step(NoOp).Terminated);
    }

    [Fact]
    public void DiversArePickedUpUpToSixAndMoveEverySixSteps()
    {
        var game = Calm(x: 5, y: 3);
        game.SwimmingDivers.Add(new MovingObject(7, 3, movingRight: false, moveTimer: 0));
        game.Step(NoOp);
        Assert.Equal(6, game.SwimmingDivers[0].X);
        for (int step = 2; step <= 6; step++) game.Step(NoOp);
        Assert.Equal(1, game.SwimmingDivers.Count);
        game.Step(NoOp); // step 7: moves onto the sub
        Assert.Equal((0, 1), (game.SwimmingDivers.Count, game.Divers));

        var full = Calm(x: 5, y: 3);
        full.SetSupplies(oxygen: 100, divers: 6);
        full.SwimmingDivers.Add(new MovingObject(6, 3, movingRight: false, moveTimer: 0));
        full.Step(NoOp);
        Assert.Equal((1, 6), (full.SwimmingDivers.Count, full.Divers)); // not picked up: swims on through
        Assert.Equal(5, full.SwimmingDivers[0].X);
        Assert.Equal([(3, 9), (4, 9), (5, 9), (6, 9), (7, 9), (8, 9)], Cells(full, DiverGaugeChannel));
    }

    [Fact]
    public void OxygenLastsTwoHundredStepsUnderWater()
    {
        var game = new Seaquest(Exact);
        game.Step(Down);
        game.SetSpawnTimers(10_000, 10_000);
        Assert.Equal(199, game.Oxygen);
        Assert.Equal(9, Cells(game, OxygenChannel).Length);
        int step = 1;
        StepResult result;
        do
        {
            result = game.Step(NoOp);
            step++;
        }
        while (!result.Terminated);
        Assert.Equal(201, step);
        Assert.Empty(Cells(game, OxygenChannel));
    }

    [Fact]
    public void SurfacingWithoutDiversEndsTheEpisodeAndWithSomeCostsOne()
    {
        var empty = Calm(x: 5, y: 1);
        Assert.True(empty.Step(Up).Terminated);

        var some = Calm(x: 5, y: 1);
        some.SetSupplies(oxygen: 50, divers: 3);
        Assert.Equal(new StepResult(0, false, false), some.Step(Up));
        Assert.Equal((200, 2, true), (some.Oxygen, some.Divers, some.Surfaced));
        Assert.Equal(10, Cells(some, OxygenChannel).Length);
        Assert.False(some.Step(NoOp).Done); // staying up is not surfacing again
        Assert.Equal(2, some.Divers);
    }

    [Fact]
    public void SurfacingWithSixDiversPaysTheOxygenGaugeAndLeavesMinusOneDivers()
    {
        var game = Calm(x: 5, y: 1);
        game.SetSupplies(oxygen: 150, divers: 6);
        Assert.Equal(7f, game.Step(Up).Reward); // floor(150 * 10 / 200) lit gauge cells
        Assert.Equal(-1, game.Divers);
        Assert.Empty(Cells(game, DiverGaugeChannel));

        // With -1 divers surfacing no longer ends the episode; the count keeps falling.
        game.Step(Down);
        Assert.False(game.Step(Up).Terminated);
        Assert.Equal(-2, game.Divers);
    }

    [Fact]
    public void EachSurfacingRampsSpawnAndMoveSpeeds()
    {
        var game = Calm(x: 5, y: 0);
        var ramps = new List<(int, int, int)>();
        for (int i = 0; i < 8; i++)
        {
            game.SetSupplies(oxygen: 200, divers: 2);
            game.Step(Down);
            game.Step(Up);
            ramps.Add((game.RampIndex, game.EnemySpawnSpeed, game.MoveSpeed));
        }
        Assert.Equal([(1, 19, 5), (2, 18, 4), (3, 17, 4), (4, 16, 3), (5, 15, 3), (6, 14, 2), (7, 13, 2), (8, 12, 2)], ramps);

        var flat = new Seaquest(Exact with { Ramping = false });
        flat.SetSpawnTimers(10_000, 10_000);
        flat.SetSupplies(oxygen: 200, divers: 2);
        flat.Step(Down);
        flat.Step(Up);
        Assert.Equal((0, 20, 5), (flat.RampIndex, flat.EnemySpawnSpeed, flat.MoveSpeed));
    }

    [Fact]
    public void EnemiesReloadTheirMoveTimerWithTheCurrentGlobalSpeed()
    {
        var game = Calm(x: 5, y: 1);
        game.SetSupplies(oxygen: 200, divers: 3);
        game.Fish.Add(new MovingObject(9, 6, movingRight: false, moveTimer: 50));
        game.Step(Up);
        game.Step(Down);
        game.Step(Up); // the second surfacing ramps the move speed to 4
        Assert.Equal(4, game.MoveSpeed);
        game.Fish[0].MoveTimer = 0;
        game.Step(NoOp);
        Assert.Equal((8, 4), (game.Fish[0].X, game.Fish[0].MoveTimer)); // moved, reloaded with 4, not counted down this step
    }

    [Fact]
    public void ObservationShowsTheSubFrontAndBackTrailsAndGauges()
    {
        var game = Calm(x: 5, y: 4, facingLeft: true);
        game.SetSupplies(oxygen: 199, divers: 2);
        game.Fish.Add(new MovingObject(2, 3, movingRight: true, moveTimer: 3));
        game.EnemySubs.Add(new MovingObject(7, 6, movingRight: false, moveTimer: 3, shotTimer: 3));
        game.SwimmingDivers.Add(new MovingObject(0, 7, movingRight: true, moveTimer: 3));
        Assert.Equal([(5, 4)], Cells(game, 0));
        Assert.Equal([(6, 4)], Cells(game, 1));
        Assert.Equal([(1, 3), (8, 6)], Cells(game, 3)); // no trail left of the diver at x = 0
        Assert.Equal([(2, 3)], Cells(game, 5));
        Assert.Equal([(7, 6)], Cells(game, 6));
        Assert.Equal([(0, 7)], Cells(game, 9));
        Assert.Equal(Enumerable.Range(0, 9).Select(x => (x, 9)), Cells(game, OxygenChannel));
        Assert.Equal([(7, 9), (8, 9)], Cells(game, DiverGaugeChannel));

        game.PlaceSub(9, 4, facingLeft: true, surfaced: false);
        Assert.Empty(Cells(game, 1)); // the back would be off the grid
        game.Step(Right);
        Assert.Equal([(8, 4)], Cells(game, 1));
    }
}
