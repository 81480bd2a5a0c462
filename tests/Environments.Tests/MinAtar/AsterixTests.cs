using MuZero.Environments.MinAtar;
using static MuZero.Environments.MinAtar.MinAtarAction;
using static MuZero.Environments.Tests.MinAtar.MinAtarObservation;

namespace MuZero.Environments.Tests.MinAtar;

public sealed class AsterixTests
{
    private static int EntityCount(Asterix game) => Enumerable.Range(0, Asterix.SlotCount).Count(slot => game.Entity(slot) is not null);

    [Fact]
    public void FirstSpawnIsOnStepElevenAtAnEdgeMovingInward()
    {
        var game = new Asterix(Exact);
        game.PlacePlayer(5, 1);
        for (int step = 1; step <= 10; step++) game.Step(NoOp);
        Assert.Equal(0, EntityCount(game));
        game.Step(NoOp);
        Assert.Equal(1, EntityCount(game));
        var entity = Enumerable.Range(0, Asterix.SlotCount).Select(game.Entity).Single(e => e is not null)!.Value;
        Assert.Equal(entity.MovingRight ? 1 : 8, entity.X); // spawned at the edge, then moved: step 11 is also a move step
    }

    [Fact]
    public void SpawnsCoverBothSidesGoldAndEnemiesAndEveryRow()
    {
        var sides = new HashSet<bool>();
        var kinds = new HashSet<bool>();
        var slots = new HashSet<int>();
        var game = new Asterix(Exact);
        for (ulong seed = 0; seed < 200; seed++)
        {
            game.Reset(seed);
            game.SetTimers(spawnTimer: 0, moveTimer: 3);
            game.Step(NoOp);
            int slot = Enumerable.Range(0, Asterix.SlotCount).Single(s => game.Entity(s) is not null);
            var (x, movingRight, isGold) = game.Entity(slot)!.Value;
            Assert.Equal(movingRight ? 0 : 9, x);
            sides.Add(movingRight);
            kinds.Add(isGold);
            slots.Add(slot);
        }
        Assert.Equal(2, sides.Count);
        Assert.Equal(2, kinds.Count);
        Assert.Equal(Asterix.SlotCount, slots.Count);
    }

    [Fact]
    public void NothingSpawnsWhenEveryRowIsTaken()
    {
        var game = new Asterix(Exact);
        for (int slot = 0; slot < Asterix.SlotCount; slot++) game.PlaceEntity(slot, 2, movingRight: false, isGold: true);
        game.PlacePlayer(9, 1);
        game.SetTimers(spawnTimer: 0, moveTimer: 3);
        game.Step(NoOp);
        Assert.Equal(Asterix.SlotCount, EntityCount(game));
        Assert.All(Enumerable.Range(0, Asterix.SlotCount), slot => Assert.Equal(2, game.Entity(slot)!.Value.X));
        Assert.Equal(9, game.SpawnTimer); // reloaded to 10, then decremented
    }

    [Fact]
    public void EntitiesMoveOnStepSixThenEveryFiveStepsAndLeaveTheGrid()
    {
        var game = new Asterix(Exact);
        game.PlacePlayer(5, 8);
        game.PlaceEntity(0, 7, movingRight: true, isGold: false);
        var columns = new List<int>();
        for (int step = 1; step <= 10; step++)
        {
            game.Step(NoOp);
            columns.Add(game.Entity(0)?.X ?? -1);
        }
        Assert.Equal([7, 7, 7, 7, 7, 8, 8, 8, 8, 8], columns);
        for (int step = 11; step <= 16; step++) game.Step(NoOp);
        Assert.Null(game.Entity(0)); // moved to 9 on step 11 and off the grid on step 16
    }

    [Fact]
    public void GoldMovingOntoThePlayerPaysOneAndDisappears()
    {
        var game = new Asterix(Exact);
        game.PlacePlayer(5, 5);
        game.PlaceEntity(4, 6, movingRight: false, isGold: true);
        game.SetTimers(spawnTimer: 5, moveTimer: 0);
        Assert.Equal(new StepResult(1, false, false), game.Step(NoOp));
        Assert.Null(game.Entity(4));
    }

    [Fact]
    public void WalkingOntoGoldPaysBeforeAnythingMoves()
    {
        var game = new Asterix(Exact);
        game.PlacePlayer(5, 5);
        game.PlaceEntity(3, 5, movingRight: true, isGold: true); // row 4
        Assert.Equal(1f, game.Step(Up).Reward);
        Assert.Null(game.Entity(3));
    }

    [Fact]
    public void TouchingAnEnemyEndsTheEpisode()
    {
        var walkInto = new Asterix(Exact);
        walkInto.PlacePlayer(5, 5);
        walkInto.PlaceEntity(4, 6, movingRight: true, isGold: false);
        Assert.Equal(new StepResult(0, true, false), walkInto.Step(Right));

        var runOver = new Asterix(Exact);
        runOver.PlacePlayer(5, 5);
        runOver.PlaceEntity(4, 4, movingRight: true, isGold: false);
        runOver.SetTimers(spawnTimer: 5, moveTimer: 0);
        Assert.True(runOver.Step(NoOp).Terminated);
    }

    [Fact]
    public void PlayerStaysInRowsOneToEight()
    {
        var game = new Asterix(Exact);
        game.PlacePlayer(0, 1);
        game.Step(Up);
        game.Step(Left);
        Assert.Equal((0, 1), (game.PlayerX, game.PlayerY));
        game.PlacePlayer(9, 8);
        game.Step(Down);
        game.Step(Right);
        game.Step(Fire);
        Assert.Equal((9, 8), (game.PlayerX, game.PlayerY));
    }

    [Fact]
    public void ObservationShowsPlayerEnemiesGoldAndTheCellBehindEach()
    {
        var game = new Asterix(Exact);
        game.PlacePlayer(5, 5);
        game.PlaceEntity(0, 3, movingRight: true, isGold: true);   // row 1
        game.PlaceEntity(2, 4, movingRight: false, isGold: false); // row 3
        game.PlaceEntity(7, 9, movingRight: false, isGold: false); // row 8, trail would be at x = 10
        Assert.Equal([(5, 5)], Cells(game, 0));
        Assert.Equal([(4, 3), (9, 8)], Cells(game, 1));
        Assert.Equal([(2, 1), (5, 3)], Cells(game, 2));
        Assert.Equal([(3, 1)], Cells(game, 3));
    }

    [Fact]
    public void RampingSpeedsUpEvery102StepsUntilBothSpeedsReachOne()
    {
        var game = new Asterix(Exact);
        var seen = new List<(int Step, int Spawn, int Move)>();
        int spawn = game.SpawnSpeed, move = game.MoveSpeed;
        for (int step = 1; step <= 1200; step++)
        {
            for (int slot = 0; slot < Asterix.SlotCount; slot++) game.RemoveEntity(slot); // nothing can end the episode
            game.Step(NoOp);
            if ((game.SpawnSpeed, game.MoveSpeed) != (spawn, move))
            {
                (spawn, move) = (game.SpawnSpeed, game.MoveSpeed);
                seen.Add((step, spawn, move));
            }
        }
        Assert.Equal(
            [(102, 9, 5), (204, 8, 4), (306, 7, 4), (408, 6, 3), (510, 5, 3), (612, 4, 2), (714, 3, 2), (816, 2, 1), (918, 1, 1)],
            seen);

        var flat = new Asterix(MinAtarObservation.Exact with { Ramping = false });
        for (int step = 0; step < 300; step++)
        {
            for (int slot = 0; slot < Asterix.SlotCount; slot++) flat.RemoveEntity(slot);
            flat.Step(NoOp);
        }
        Assert.Equal((10, 5, 0), (flat.SpawnSpeed, flat.MoveSpeed, flat.RampIndex));
    }
}
