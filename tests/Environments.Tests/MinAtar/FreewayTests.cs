using MuZero.Environments.MinAtar;
using static MuZero.Environments.MinAtar.MinAtarAction;
using static MuZero.Environments.Tests.MinAtar.MinAtarObservation;

namespace MuZero.Environments.Tests.MinAtar;

public sealed class FreewayTests
{
    // Every car parked far from the chicken's column and slow, so that only the car under test matters.
    private static Freeway QuietRoad()
    {
        var game = new Freeway(Exact);
        for (int car = 0; car < Freeway.CarCount; car++) game.PlaceCar(car, 8, speed: 5, movingRight: false, timer: 5);
        return game;
    }

    [Fact]
    public void ResetPutsTheChickenAtTheBottomAndEveryCarInColumnZero()
    {
        var game = new Freeway(Exact);
        var speeds = new HashSet<int>();
        var directions = new HashSet<bool>();
        for (ulong seed = 0; seed < 20; seed++)
        {
            game.Reset(seed);
            Assert.Equal((9, 3, 2500), (game.ChickenY, game.MoveTimer, game.TerminateTimer));
            for (int car = 0; car < Freeway.CarCount; car++)
            {
                var (x, speed, movingRight, timer) = game.Car(car);
                Assert.Equal(0, x);
                Assert.InRange(speed, 1, 5);
                Assert.Equal(speed, timer);
                speeds.Add(speed);
                directions.Add(movingRight);
            }
        }
        Assert.Equal(5, speeds.Count);
        Assert.Equal(2, directions.Count);
        Assert.Equal([(4, 9)], Cells(game, 0));
        Assert.Equal(Enumerable.Range(1, 8).Select(y => (0, y)), Cells(game, 1));
    }

    [Fact]
    public void ChickenFirstMovesOnStepFourThenAtMostEveryThreeSteps()
    {
        var game = QuietRoad();
        var rows = new List<int>();
        for (int step = 1; step <= 10; step++)
        {
            game.Step(Up);
            rows.Add(game.ChickenY);
        }
        Assert.Equal([9, 9, 9, 8, 8, 8, 7, 7, 7, 6], rows);
        game.PlaceChicken(5, moveTimer: 0);
        game.Step(Down);
        Assert.Equal(6, game.ChickenY);
        game.PlaceChicken(9, moveTimer: 0);
        game.Step(Down);
        Assert.Equal(9, game.ChickenY);
        game.PlaceChicken(5, moveTimer: 0);
        game.Step(Left);
        game.Step(Fire);
        Assert.Equal(5, game.ChickenY);
    }

    [Fact]
    public void ACarOfSpeedSMovesEverySPlusOneStepsAndWraps()
    {
        var game = QuietRoad();
        game.PlaceChicken(9);
        game.PlaceCar(2, 8, speed: 2, movingRight: true, timer: 2);
        game.PlaceCar(5, 1, speed: 1, movingRight: false, timer: 1);
        var lane2 = new List<int>();
        var lane5 = new List<int>();
        for (int step = 1; step <= 6; step++)
        {
            game.Step(NoOp);
            lane2.Add(game.Car(2).X);
            lane5.Add(game.Car(5).X);
        }
        Assert.Equal([8, 8, 9, 9, 9, 0], lane2);
        Assert.Equal([1, 0, 0, 9, 9, 8], lane5);
    }

    [Fact]
    public void ACarHittingTheChickenSendsItBackWithoutPenaltyOrEnding()
    {
        var game = QuietRoad();
        game.PlaceChicken(5, moveTimer: 2);
        game.PlaceCar(4, 3, speed: 3, movingRight: true, timer: 0); // row 5
        Assert.Equal(new StepResult(0, false, false), game.Step(NoOp));
        Assert.Equal(9, game.ChickenY);

        game.PlaceChicken(6, moveTimer: 0);
        game.PlaceCar(4, 4, speed: 3, movingRight: true, timer: 3); // waiting in column 4 of row 5
        game.Step(Up);
        Assert.Equal(9, game.ChickenY);
    }

    [Fact]
    public void CrossingPaysOneRestartsAtTheBottomAndRedrawsTheCars()
    {
        var game = QuietRoad();
        game.PlaceChicken(1, moveTimer: 0);
        Assert.Equal(new StepResult(1, false, false), game.Step(Up));
        Assert.Equal(9, game.ChickenY);
        Assert.DoesNotContain(Cells(game, 0), c => c.Y == 0);
        var speeds = Enumerable.Range(0, Freeway.CarCount).Select(car => game.Car(car)).ToArray();
        Assert.All(speeds, car => Assert.Equal(8, car.X));                // positions kept
        Assert.Contains(speeds, car => car.Speed != 5 || car.MovingRight); // redrawn (all 5-left before: 8 draws alike has odds 10^-8)
        Assert.All(speeds, car => Assert.Equal(car.Speed - 1, car.Timer)); // reloaded to the new speed, then counted down
    }

    [Fact]
    public void TrailIsDrawnBehindEachCarInTheChannelOfItsSpeed()
    {
        var game = QuietRoad();
        game.PlaceCar(0, 0, speed: 3, movingRight: false, timer: 3);
        game.PlaceCar(7, 0, speed: 1, movingRight: true, timer: 1);
        Assert.Equal([(1, 1)], Cells(game, 2 + 3 - 1));
        Assert.Equal([(9, 8)], Cells(game, 2 + 1 - 1));
        Assert.Equal(Enumerable.Range(2, 6).Select(y => (9, y)), Cells(game, 2 + 5 - 1));
    }

    [Fact]
    public void EveryEpisodeLasts2501StepsAndEndsAsATruncation()
    {
        var game = new Freeway(new MinAtarSettings());
        Assert.Equal(Freeway.EpisodeSteps, game.Spec.MaxEpisodeSteps);
        var random = new SplitMix64(7);
        StepResult result = default;
        int steps = 0;
        while (!game.IsOver)
        {
            result = game.Step(random.NextInt(6));
            steps++;
            if (!game.IsOver) Assert.False(result.Done);
        }
        Assert.Equal(2501, steps);
        Assert.True(result.Truncated);
        Assert.False(result.Terminated);
        Assert.False(game.IsTerminated);
    }
}
