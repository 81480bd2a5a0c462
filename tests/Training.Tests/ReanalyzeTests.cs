using MuZero.Environments;
using MuZero.Networks;
using MuZero.Randomness;
using MuZero.Search;
using MuZero.Training.Configuration;
using MuZero.Training.Reanalysis;
using MuZero.Training.Replay;
using static TorchSharp.torch;

namespace MuZero.Training.Tests;

/// <summary>Value targets at sample time and the reanalyze step on hand-made games with a small real network.</summary>
public sealed class ReanalyzeTests
{
    private const int Actions = 3;
    private static readonly EnvironmentSpec Spec = new("hand", [2], Actions, PlayerCount: 1, MaxEpisodeSteps: 100);

    /// <summary>A single-player game with 2-float observations (game id, step), rewards 1, 2, 3, ... and varied legal masks.</summary>
    private static GameHistory Game(int id, int length, bool truncated)
    {
        var game = new GameHistory(observationSize: 2, actionCount: Actions);
        for (int t = 0; t < length; t++)
        {
            bool[] legal = t % 3 == 2 ? [true, false, true] : [true, true, true];
            int action = t % 3 == 2 ? 2 : t % 2;
            game.AddStep([id, 0.1f * t], legal, 0, action, rootValue: 0.5f * t, legal[1] ? [0.2f, 0.3f, 0.5f] : [0.4f, 0f, 0.6f]);
            game.SetLastReward(1 + t + id);
        }
        game.Finish(terminated: !truncated, truncated);
        return game;
    }

    [Fact]
    public void ValueTargetsAreTheNStepReturnsOfTheStatisticsStoredWhenTheBatchIsSampled()
    {
        var replay = new ReplayBuffer(new ReplayConfig { CapacitySteps = 100, TdSteps = 2, PriorityAlpha = 0 }, discount: 0.5, twoPlayer: false);
        var game = GameBuilder.Make(rewards: [1, 2, 3, 4, 5], rootValues: [10, 20, 30, 40, 50]);
        replay.Add(game);
        var batch = new TrainingBatch(size: 64, unrollSteps: 1, observationSize: 1, actionCount: 2);

        // z_1 = u2 + 0.5 u3 + 0.25 v3 = 2 + 1.5 + 10 = 13.5, and z_2 = 3 + 2 + 12.5 = 17.5 (rows of t = 1: k = 0, 1).
        replay.Sample(batch, new Xoshiro256(3));
        AssertRowsOfStep(batch, t: 1, 13.5f, 17.5f);

        // A new root value of step 3 changes the targets that bootstrap from it, from the next sample on.
        game.ReplaceSearchStatistics(3, rootValue: 100, [0.5f, 0.5f]);
        replay.Sample(batch, new Xoshiro256(3));
        // z_1 = 2 + 1.5 + 0.25 * 100 = 28.5; z_2 bootstraps from v4, unchanged.
        AssertRowsOfStep(batch, t: 1, 28.5f, 17.5f);
        // The batch already sampled follows too when its targets are rewritten.
        game.ReplaceSearchStatistics(4, rootValue: -10, [0.5f, 0.5f]);
        replay.RewriteTargets(batch);
        AssertRowsOfStep(batch, t: 1, 28.5f, 3 + 2 - 2.5f);

        static void AssertRowsOfStep(TrainingBatch batch, int t, float z0, float z1)
        {
            bool seen = false;
            for (int n = 0; n < batch.Size; n++)
            {
                if (batch.Observations[n] != t) continue;
                seen = true;
                Assert.Equal(z0, batch.ValueTargets[2 * n], 5);
                Assert.Equal(z1, batch.ValueTargets[2 * n + 1], 5);
            }
            Assert.True(seen);
        }
    }

    [Fact]
    public void SampleTimeTargetsAreBitForBitTheTargetsFixedWhenAGameEntered()
    {
        // What the replay buffer stored per game before targets moved to sample time: ValueTargets.Compute at Add.
        foreach (bool twoPlayer in new[] { false, true })
        {
            var replay = new ReplayBuffer(new ReplayConfig { CapacitySteps = 200, TdSteps = 3, PriorityAlpha = 0.5 }, discount: 0.97, twoPlayer);
            GameHistory[] games = [Game(0, 7, truncated: false), Game(1, 5, truncated: true), Game(2, 9, truncated: false)];
            var stored = new Dictionary<GameHistory, float[]>();
            foreach (var game in games)
            {
                replay.Add(game);
                stored[game] = new float[game.Length];
                ValueTargets.Compute(game, 3, 0.97, twoPlayer, stored[game]);
            }
            var batch = new TrainingBatch(size: 50, unrollSteps: 2, observationSize: 2, actionCount: Actions);
            replay.Sample(batch, new Xoshiro256(5));
            for (int n = 0; n < batch.Size; n++)
            {
                var (game, t) = replay.PositionAt(batch.Slots[n]);
                for (int k = 0; k <= 2 && t + k < game.Length; k++)
                    Assert.Equal(BitConverter.SingleToInt32Bits(stored[game][t + k]), BitConverter.SingleToInt32Bits(batch.ValueTargets[n * 3 + k]));
            }
        }
    }

    [Fact]
    public void ABatchRowReadsItsUnrolledPositionsAndTheirBootstrapPositions()
    {
        // One truncated game of 6 steps, n = 2, K = 1. Row 0 at t = 0 reads 0, 2 (bootstrap of 0), 1, 3; row 1 at t = 4
        // reads 4 and 5, whose returns reach the cut and so bootstrap from the last step, 5.
        var replay = new ReplayBuffer(new ReplayConfig { CapacitySteps = 10, TdSteps = 2, PriorityAlpha = 0 }, discount: 0.9, twoPlayer: false);
        var game = Game(0, 6, truncated: true);
        replay.Add(game);
        var batch = new TrainingBatch(size: 2, unrollSteps: 1, observationSize: 2, actionCount: Actions);
        replay.Sample(batch, new Xoshiro256(1));
        batch.Slots[0] = 0;
        batch.Slots[1] = 4;

        using var network = Network();
        using (var all = new Reanalyzer(new NetworkSearchModel(network, CPU), new ReanalyzeConfig { Fraction = 1 }, new SearchConfig { Simulations = 3 }, Spec))
        {
            Assert.Equal(6, all.Reanalyze(replay, batch, batchIndex: 0));
            Assert.Equal(new[] { 0, 2, 1, 3, 4, 5 }, all.LastPositions.Select(p => p.Step));
            Assert.All(all.LastPositions, p => Assert.Same(game, p.Game));
        }
        // Half the samples: of batch 0 only sample 1 (floor(2 * 0.5) > floor(1 * 0.5)).
        using (var half = new Reanalyzer(new NetworkSearchModel(network, CPU), new ReanalyzeConfig { Fraction = 0.5 }, new SearchConfig { Simulations = 3 }, Spec))
        {
            Assert.Equal(2, half.Reanalyze(replay, batch, batchIndex: 0));
            Assert.Equal(new[] { 4, 5 }, half.LastPositions.Select(p => p.Step));
            Assert.Equal(1, half.Rows);
        }
    }

    [Theory]
    [InlineData("muzero")]
    [InlineData("gumbel_muzero")]
    public void ReanalyzedTargetsAreThoseOfADirectSearchWithTheTargetNetworkAndOnlySearchStatisticsChange(string policy)
    {
        const int td = 3, k = 2;
        const double discount = 0.9;
        var replay = new ReplayBuffer(new ReplayConfig { CapacitySteps = 100, TdSteps = td, PriorityAlpha = 0 }, discount, twoPlayer: false);
        GameHistory[] games = [Game(0, 8, truncated: false), Game(1, 6, truncated: true), Game(2, 3, truncated: false)];
        foreach (var game in games) replay.Add(game);
        var before = games.Select(Snapshot).ToArray();
        var batch = new TrainingBatch(size: 12, unrollSteps: k, observationSize: 2, actionCount: Actions);
        replay.Sample(batch, new Xoshiro256(7));
        var observations = (float[])batch.Observations.Clone();
        var actions = (long[])batch.Actions.Clone();
        var rewards = (float[])batch.RewardTargets.Clone();

        using var network = Network();
        var search = new SearchConfig { Simulations = 6, Discount = discount, Policy = policy };
        using (var reanalyzer = new Reanalyzer(new NetworkSearchModel(network, CPU), new ReanalyzeConfig { Fraction = 1 }, search, Spec))
            reanalyzer.Reanalyze(replay, batch, batchIndex: 0);

        // The direct search: every position of every game, in game order, in one batch of its own.
        var positions = games.SelectMany(g => Enumerable.Range(0, g.Length).Select(t => (Game: g, Step: t))).ToArray();
        var direct = DirectSearch(network, search, positions);
        var value = new Dictionary<(GameHistory, int), float>();
        var weights = new Dictionary<(GameHistory, int), float[]>();
        for (int p = 0; p < positions.Length; p++)
        {
            value[positions[p]] = direct.RootValues[p];
            weights[positions[p]] = direct.Weights(p).ToArray();
        }

        int searched = 0;
        for (int n = 0; n < batch.Size; n++)
        {
            var (game, t) = replay.PositionAt(batch.Slots[n]);
            for (int step = 0; step <= k && t + step < game.Length; step++)
            {
                int i = t + step, row = n * (k + 1) + step;
                AssertClose(weights[(game, i)], batch.PolicyTargets.AsSpan(row * Actions, Actions).ToArray());
                // z_i = sum of discounted rewards up to n steps, then the direct search's value n steps on (or, past the
                // cut of a truncated game, the value after the cut estimated from the last search: (v_{T-1} - u_T) / d).
                double z = 0, factor = 1;
                for (int j = i; j < Math.Min(i + td, game.Length); j++, factor *= discount) z += factor * game.Reward(j);
                if (i + td < game.Length) z += factor * value[(game, i + td)];
                else if (game.Truncated) z += factor * (value[(game, game.Length - 1)] - game.Reward(game.Length - 1)) / discount;
                Assert.Equal(z, batch.ValueTargets[row], 4);
                searched++;
            }
        }
        Assert.True(searched > 12);

        // Searched positions hold the new statistics; the rest, and everything but the statistics, are as they were.
        var reanalyzed = new HashSet<(GameHistory, int)>();
        for (int n = 0; n < batch.Size; n++)
        {
            var (game, t) = replay.PositionAt(batch.Slots[n]);
            for (int step = 0; step <= k && t + step < game.Length; step++)
            {
                reanalyzed.Add((game, t + step));
                if (t + step + td < game.Length) reanalyzed.Add((game, t + step + td));
                else if (game.Truncated) reanalyzed.Add((game, game.Length - 1));
            }
        }
        for (int g = 0; g < games.Length; g++)
        {
            var after = Snapshot(games[g]);
            Assert.Equal(before[g].Observations, after.Observations);
            Assert.Equal(before[g].Legal, after.Legal);
            Assert.Equal(before[g].Actions, after.Actions);
            Assert.Equal(before[g].Rewards, after.Rewards);
            Assert.Equal(before[g].ToPlay, after.ToPlay);
            Assert.Equal((before[g].Terminated, before[g].Truncated, before[g].TotalReward), (after.Terminated, after.Truncated, after.TotalReward));
            for (int t = 0; t < games[g].Length; t++)
            {
                bool changed = reanalyzed.Contains((games[g], t));
                Assert.Equal(changed ? value[(games[g], t)] : before[g].RootValues[t], games[g].RootValue(t), 4);
                AssertClose(changed ? weights[(games[g], t)] : before[g].Policies.Skip(t * Actions).Take(Actions).ToArray(), games[g].Policy(t).ToArray());
            }
        }
        Assert.Equal(observations, batch.Observations);
        Assert.Equal(actions, batch.Actions);
        Assert.Equal(rewards, batch.RewardTargets);
    }

    private static MuZeroNetwork Network()
    {
        manual_seed(3);
        var network = NetworkRegistry.Create(new NetworkConfig { LatentSize = 8, HiddenSize = 16, ValueSupportSize = 3, RewardSupportSize = 3 }, Spec.ObservationShape, Actions);
        network.eval();
        return network;
    }

    private static SearchResult DirectSearch(MuZeroNetwork network, SearchConfig search, (GameHistory Game, int Step)[] positions)
    {
        var observations = new float[positions.Length * 2];
        var legal = new bool[positions.Length * Actions];
        for (int p = 0; p < positions.Length; p++)
        {
            positions[p].Game.Observation(positions[p].Step).CopyTo(observations.AsSpan(p * 2, 2));
            positions[p].Game.LegalActions(positions[p].Step).CopyTo(legal.AsSpan(p * Actions, Actions));
        }
        using var mcts = new BatchedMcts(search, Actions, twoPlayer: false);
        using var input = tensor(observations, [positions.Length, 2]);
        return mcts.Run(new NetworkSearchModel(network, CPU), input, legal, addNoise: false, new Xoshiro256(99));
    }

    private static void AssertClose(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int a = 0; a < expected.Length; a++) Assert.Equal(expected[a], actual[a], 4);
    }

    private sealed record GameSnapshot(float[] Observations, bool[] Legal, int[] Actions, float[] Rewards, int[] ToPlay, float[] RootValues, float[] Policies,
        bool Terminated, bool Truncated, double TotalReward);

    private static GameSnapshot Snapshot(GameHistory g)
    {
        var range = Enumerable.Range(0, g.Length).ToArray();
        return new GameSnapshot(
            range.SelectMany(t => g.Observation(t).ToArray()).ToArray(), range.SelectMany(t => g.LegalActions(t).ToArray()).ToArray(),
            range.Select(g.Action).ToArray(), range.Select(g.Reward).ToArray(), range.Select(g.ToPlay).ToArray(),
            range.Select(g.RootValue).ToArray(), range.SelectMany(t => g.Policy(t).ToArray()).ToArray(), g.Terminated, g.Truncated, g.TotalReward);
    }
}
