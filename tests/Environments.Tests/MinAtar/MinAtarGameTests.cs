using MuZero.Environments.MinAtar;
using static MuZero.Environments.MinAtar.MinAtarAction;

namespace MuZero.Environments.Tests.MinAtar;

/// <summary>What the five games share: action sets, sticky actions, determinism, the registry entries, allocation.</summary>
public sealed class MinAtarGameTests
{
    public static TheoryData<string, int, int[]> Games => new()
    {
        { "minatar-asterix", 4, [0, 1, 2, 3, 4] },
        { "minatar-breakout", 4, [0, 1, 3] },
        { "minatar-freeway", 7, [0, 2, 4] },
        { "minatar-seaquest", 10, [0, 1, 2, 3, 4, 5] },
        { "minatar-space-invaders", 6, [0, 1, 3, 5] },
    };

    private static MinAtarGame Create(string name, EnvironmentOptions? options = null) =>
        Assert.IsAssignableFrom<MinAtarGame>(EnvironmentRegistry.Create(name, options ?? EnvironmentOptions.None));

    [Theory]
    [MemberData(nameof(Games))]
    public void FullActionSetByDefaultAndTheMinimalSetAsAnOption(string name, int channels, int[] minimal)
    {
        var full = Create(name);
        Assert.Equal([channels, 10, 10], full.Spec.ObservationShape);
        Assert.Equal(6, full.Spec.ActionCount);
        Assert.Equal([0, 1, 2, 3, 4, 5], full.ActionMap.ToArray());
        Assert.Equal(1, full.Spec.PlayerCount);
        Assert.Equal(0.1, full.Settings.StickyActionProbability);

        var small = Create(name, new EnvironmentOptions { MinimalActionSet = true });
        Assert.Equal(minimal.Length, small.Spec.ActionCount);
        Assert.Equal(minimal, small.ActionMap.ToArray());
        var mask = new bool[minimal.Length];
        small.WriteLegalActions(mask);
        Assert.All(mask, Assert.True);
        Assert.False(small.IsLegal(minimal.Length));
        Assert.Throws<IllegalActionException>(() => small.Step(minimal.Length));
    }

    [Fact]
    public void AMinimalActionIndexPlaysItsFullSetAction()
    {
        var game = new Breakout(new MinAtarSettings(StickyActionProbability: 0, MinimalActionSet: true));
        game.PlaceBall(4, 0, Breakout.DownRight);
        game.Step(2); // minimal index 2 is right
        Assert.Equal((5, Right), (game.PaddleX, game.LastAction));
        game.Step(1);
        Assert.Equal((4, Left), (game.PaddleX, game.LastAction));
    }

    [Fact]
    public void StickyActionsRepeatThePreviousActionWithTheirProbability()
    {
        foreach (double p in new[] { 0.0, 0.1, 0.3 })
        {
            var game = new Asterix(new MinAtarSettings(StickyActionProbability: p));
            var random = new SplitMix64(99);
            int repeats = 0;
            const int Steps = 20_000;
            for (int step = 0; step < Steps; step++)
            {
                if (game.IsOver) game.Reset((ulong)step);
                int previous = game.LastAction;
                int chosen = (previous + 1 + random.NextInt(5)) % 6; // always differs from the previous action
                game.Step(chosen);
                if (game.LastAction == previous) repeats++;
                else Assert.Equal(chosen, game.LastAction);
            }
            // Binomial(20000, p): a standard deviation is at most 0.0033 of the steps.
            Assert.InRange(repeats / (double)Steps, p - 0.015, p + 0.015);
            if (p == 0) Assert.Equal(0, repeats);
        }
    }

    [Fact]
    public void TheStickyActionSurvivesTheResetIntoTheNextEpisode()
    {
        var game = new Breakout(new MinAtarSettings(StickyActionProbability: 1));
        game.LastAction = Right;
        game.Reset(3);
        Assert.Equal(Right, game.LastAction);
        game.Step(NoOp); // always sticky: plays the previous episode's last action
        Assert.Equal(5, game.PaddleX);

        var unsticky = new Breakout(new MinAtarSettings(StickyActionProbability: 1));
        unsticky.Reset(3);
        unsticky.Step(Right); // the initial previous action is no-op
        Assert.Equal(4, unsticky.PaddleX);
    }

    [Theory]
    [MemberData(nameof(Games))]
    public void EqualSeedsGiveEqualTrajectoriesAndOtherSeedsOthers(string name, int channels, int[] minimal)
    {
        _ = (channels, minimal);
        var (observations, rewards, ends) = Trajectory(name, baseSeed: 5, actionSeed: 11);
        var again = Trajectory(name, baseSeed: 5, actionSeed: 11);
        Assert.Equal(observations, again.Observations);
        Assert.Equal(rewards, again.Rewards);
        Assert.Equal(ends, again.Ends);
        var other = Trajectory(name, baseSeed: 6, actionSeed: 11);
        Assert.NotEqual(observations, other.Observations);
    }

    // 4 games x 400 steps through the vector environment, sticky actions on: a hash of every observation, and the rewards and ends.
    private static (ulong[] Observations, float[] Rewards, bool[] Ends) Trajectory(string name, ulong baseSeed, ulong actionSeed)
    {
        const int Count = 4, Steps = 400;
        var vector = new VectorEnvironment(() => EnvironmentRegistry.Create(name), Count, baseSeed);
        var random = new SplitMix64(actionSeed);
        var actions = new int[Count];
        var rewards = new float[Count];
        var terminated = new bool[Count];
        var truncated = new bool[Count];
        var hashes = new List<ulong>();
        var allRewards = new List<float>();
        var ends = new List<bool>();
        for (int step = 0; step < Steps; step++)
        {
            for (int i = 0; i < Count; i++) actions[i] = random.NextInt(vector.Spec.ActionCount);
            vector.Step(actions, rewards, terminated, truncated);
            ulong hash = 0;
            foreach (float v in vector.Observations) hash = SplitMix64.Mix(hash ^ (ulong)BitConverter.SingleToInt32Bits(v));
            hashes.Add(hash);
            allRewards.AddRange(rewards);
            for (int i = 0; i < Count; i++) ends.Add(terminated[i] || truncated[i]);
        }
        return ([.. hashes], [.. allRewards], [.. ends]);
    }

    [Fact]
    public void RegistryResolvesAndChecksTheOptions()
    {
        Assert.Equal(
            new EnvironmentOptions { StickyActionProbability = 0.1, MinimalActionSet = false, Ramping = true },
            EnvironmentRegistry.ResolveOptions("minatar-asterix", EnvironmentOptions.None));
        Assert.Equal(
            new EnvironmentOptions { StickyActionProbability = 0, MinimalActionSet = true },
            EnvironmentRegistry.ResolveOptions("minatar-breakout", new EnvironmentOptions { StickyActionProbability = 0, MinimalActionSet = true }));
        Assert.False(Create("minatar-seaquest", new EnvironmentOptions { Ramping = false }).Settings.Ramping);
        Assert.Equal(0.25, Create("minatar-freeway", new EnvironmentOptions { StickyActionProbability = 0.25 }).Settings.StickyActionProbability);

        Assert.Equal("environment.sticky_action_probability must be in [0, 1], got 1.5",
            EnvironmentRegistry.CheckOptions("minatar-breakout", new EnvironmentOptions { StickyActionProbability = 1.5 })?.Message);
        Assert.Equal("environment.ramping must be absent (minatar-freeway takes sticky_action_probability, minimal_action_set), got false",
            EnvironmentRegistry.CheckOptions("minatar-freeway", new EnvironmentOptions { Ramping = false })?.Message);
        Assert.Equal("environment.minimal_action_set must be absent (cartpole takes no options), got true",
            EnvironmentRegistry.CheckOptions("cartpole", new EnvironmentOptions { MinimalActionSet = true })?.Message);
        Assert.False(EnvironmentRegistry.IsBoardGame("minatar-breakout"));
    }

    [Fact]
    public void SteppingAndObservingDoNotAllocate()
    {
        string[] names = ["minatar-asterix", "minatar-breakout", "minatar-freeway", "minatar-seaquest", "minatar-space-invaders"];
        var games = names.Select(name => Create(name)).ToArray();
        var observation = new float[10 * 100];
        var mask = new bool[6];
        void Play()
        {
            var random = new SplitMix64(1);
            foreach (var game in games)
            {
                game.Reset(1);
                for (int step = 0; step < 3000; step++)
                {
                    if (game.IsOver) game.Reset((ulong)step);
                    game.Step(random.NextInt(6));
                    game.WriteObservation(observation.AsSpan(0, game.Spec.ObservationSize));
                    game.WriteLegalActions(mask);
                }
            }
        }
        Play(); // the first run may grow the object lists once
        long before = GC.GetAllocatedBytesForCurrentThread();
        Play();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
