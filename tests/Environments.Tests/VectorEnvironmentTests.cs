namespace MuZero.Environments.Tests;

public sealed class VectorEnvironmentTests
{
    private static void AssertBuffersMatchGames(VectorEnvironment vector)
    {
        int obs = vector.Spec.ObservationSize, actions = vector.Spec.ActionCount;
        var observation = new float[obs];
        var mask = new bool[actions];
        for (int i = 0; i < vector.Count; i++)
        {
            vector[i].WriteObservation(observation);
            vector[i].WriteLegalActions(mask);
            Assert.Equal(observation, vector.Observations.AsSpan(i * obs, obs).ToArray());
            Assert.Equal(mask, vector.LegalActions.AsSpan(i * actions, actions).ToArray());
            Assert.Equal(vector[i].ToPlay, vector.ToPlay[i]);
            Assert.Equal(vector[i].StepCount, vector.EpisodeSteps[i]);
        }
    }

    private static float[] ResetObservation(ulong seed)
    {
        var env = new CartPole();
        env.Reset(seed);
        var observation = new float[4];
        env.WriteObservation(observation);
        return observation;
    }

    [Fact]
    public void ConstructionStartsEpisodeZeroOfEveryGameWithItsOwnSeed()
    {
        var vector = new VectorEnvironment(() => new CartPole(), 3, baseSeed: 11);

        Assert.Equal(3, vector.Count);
        Assert.Equal(12, vector.Observations.Length);
        Assert.Equal(6, vector.LegalActions.Length);
        Assert.Equal([0, 0, 0], vector.EpisodeIndices.ToArray());
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(ResetObservation(VectorEnvironment.EpisodeSeed(11, i, 0)), vector.Observations.AsSpan(i * 4, 4).ToArray());
        }
        Assert.NotEqual(vector.Observations.AsSpan(0, 4).ToArray(), vector.Observations.AsSpan(4, 4).ToArray());
        AssertBuffersMatchGames(vector);
    }

    [Fact]
    public void TicTacToeGameThatEndsIsReportedThenReset()
    {
        var vector = new VectorEnvironment(() => new TicTacToe(), 2, baseSeed: 1);
        int[][] plies = [[0, 4], [3, 0], [1, 8], [4, 2], [2, 6]]; // game 0: X wins the top row on ply 5
        var rewards = new float[2];
        var terminated = new bool[2];
        var truncated = new bool[2];

        for (int ply = 0; ply < plies.Length; ply++)
        {
            vector.Step(plies[ply], rewards, terminated, truncated);
            AssertBuffersMatchGames(vector);
            if (ply < plies.Length - 1) Assert.Equal([false, false], terminated);
        }

        Assert.Equal([1f, 0f], rewards);
        Assert.Equal([true, false], terminated);
        Assert.Equal([false, false], truncated);
        Assert.Equal([1, 0], vector.EpisodeIndices.ToArray());
        Assert.Equal(".../.../...", vector[0].ToString());
        Assert.Equal(0, vector.EpisodeSteps[0]);
        Assert.Equal(5, vector.EpisodeSteps[1]);
        Assert.All(vector.LegalActions.AsSpan(0, 9).ToArray(), Assert.True);
        Assert.All(vector.Observations.AsSpan(0, 18).ToArray(), v => Assert.Equal(0f, v));
        Assert.Equal([0, 1], vector.ToPlay);
    }

    [Fact]
    public void CartPoleTerminationResetsWithTheNextEpisodeSeed()
    {
        var vector = new VectorEnvironment(() => new CartPole(), 2, baseSeed: 5);
        ((CartPole)vector[1]).SetState(2.4, 1.0, 0, 0); // falls off on the next step
        var rewards = new float[2];
        var terminated = new bool[2];
        var truncated = new bool[2];

        vector.Step([1, 1], rewards, terminated, truncated);

        Assert.Equal([1f, 1f], rewards);
        Assert.Equal([false, true], terminated);
        Assert.Equal([0, 1], vector.EpisodeIndices.ToArray());
        Assert.Equal(ResetObservation(VectorEnvironment.EpisodeSeed(5, 1, 1)), vector.Observations.AsSpan(4, 4).ToArray());
        AssertBuffersMatchGames(vector);
    }

    [Fact]
    public void CartPoleTruncationIsReportedAtStep500()
    {
        var vector = new VectorEnvironment(() => new CartPole(), 2, baseSeed: 8);
        var actions = new int[2];
        var rewards = new float[2];
        var terminated = new bool[2];
        var truncated = new bool[2];
        for (int step = 1; step <= 500; step++)
        {
            for (int i = 0; i < 2; i++)
            {
                var o = vector.Observations.AsSpan(i * 4, 4);
                actions[i] = 0.1 * o[0] + 0.5 * o[1] + o[2] + 0.5 * o[3] > 0 ? 1 : 0;
            }
            vector.Step(actions, rewards, terminated, truncated);
            Assert.Equal([false, false], terminated);
            Assert.Equal([step == 500, step == 500], truncated);
        }
        Assert.Equal([1, 1], vector.EpisodeIndices.ToArray());
        Assert.Equal([0, 0], vector.EpisodeSteps);
    }

    [Fact]
    public void EqualSeedsGiveIdenticalRunsAndDifferentSeedsDiffer()
    {
        float[] Run(ulong baseSeed)
        {
            var vector = new VectorEnvironment(() => new CartPole(), 4, baseSeed);
            var policy = new SplitMix64(123);
            var actions = new int[4];
            var rewards = new float[4];
            var terminated = new bool[4];
            var truncated = new bool[4];
            var trace = new List<float>();
            for (int step = 0; step < 300; step++)
            {
                for (int i = 0; i < 4; i++) actions[i] = policy.NextInt(2);
                vector.Step(actions, rewards, terminated, truncated);
                trace.AddRange(vector.Observations);
            }
            Assert.True(vector.EpisodeIndices.ToArray().Sum() > 4); // random play ends episodes, so resets happened
            return trace.ToArray();
        }

        Assert.Equal(Run(42), Run(42));
        Assert.NotEqual(Run(42), Run(43));
    }

    [Fact]
    public void IllegalActionInAnyGameThrowsBeforeAnyGameMoves()
    {
        var vector = new VectorEnvironment(() => new TicTacToe(), 3, baseSeed: 0);
        vector.Step([4, 4, 4], new float[3], new bool[3], new bool[3]);
        var observations = vector.Observations.ToArray();

        var error = Assert.Throws<IllegalActionException>(() => vector.Step([0, 1, 4], new float[3], new bool[3], new bool[3]));

        Assert.Contains("game 2", error.Message);
        Assert.Equal(observations, vector.Observations);
        Assert.All(Enumerable.Range(0, 3), i => Assert.Equal(1, vector[i].StepCount));
    }

    [Fact]
    public void MismatchedSpanLengthsThrow()
    {
        var vector = new VectorEnvironment(() => new CartPole(), 2, baseSeed: 0);
        Assert.Throws<ArgumentException>(() => vector.Step([0], new float[2], new bool[2], new bool[2]));
        Assert.Throws<ArgumentException>(() => vector.Step([0, 1], new float[2], new bool[1], new bool[2]));
    }

    [Fact]
    public void ResetAllStartsTheNextEpisodeEverywhere()
    {
        var vector = new VectorEnvironment(() => new TicTacToe(), 2, baseSeed: 3);
        vector.Step([0, 8], new float[2], new bool[2], new bool[2]);

        vector.ResetAll();

        Assert.Equal([1, 1], vector.EpisodeIndices.ToArray());
        Assert.Equal([0, 0], vector.EpisodeSteps);
        Assert.Equal(".../.../...", vector[1].ToString());
        AssertBuffersMatchGames(vector);
    }

    [Fact]
    public void EpisodeSeedsAreDistinctAcrossGamesEpisodesAndBaseSeeds()
    {
        var seeds = new HashSet<ulong>();
        for (ulong baseSeed = 0; baseSeed < 4; baseSeed++)
            for (int game = 0; game < 16; game++)
                for (int episode = 0; episode < 16; episode++)
                    seeds.Add(VectorEnvironment.EpisodeSeed(baseSeed, game, episode));
        Assert.Equal(4 * 16 * 16, seeds.Count);
        Assert.Equal(VectorEnvironment.EpisodeSeed(9, 2, 3), VectorEnvironment.EpisodeSeed(9, 2, 3));
    }

    [Fact]
    public void FactoryMustProduceOneKindOfGame()
    {
        int calls = 0;
        Assert.Throws<ArgumentException>(() => new VectorEnvironment(() => calls++ == 0 ? new CartPole() : new TicTacToe(), 2, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new VectorEnvironment(() => new CartPole(), 0, 0));
    }
}
