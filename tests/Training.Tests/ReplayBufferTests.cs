using MuZero.Randomness;
using MuZero.Training.Configuration;
using MuZero.Training.Replay;

namespace MuZero.Training.Tests;

public sealed class ReplayBufferTests
{
    [Fact]
    public void TargetsPastTheEndAreAbsorbing()
    {
        var config = new ReplayConfig { CapacitySteps = 100, TdSteps = 3, PriorityAlpha = 0 };
        var replay = new ReplayBuffer(config, discount: 1.0, twoPlayer: false);
        replay.Add(GameBuilder.Make(rewards: [1, 2, 3], rootValues: [0, 0, 0], actions: [1, 0, 1]));
        var batch = new TrainingBatch(size: 64, unrollSteps: 3, observationSize: 1, actionCount: 2);
        replay.Sample(batch, new Xoshiro256(1));

        bool sawLast = false;
        for (int n = 0; n < batch.Size; n++)
        {
            int t = (int)batch.Observations[n];
            if (t != 2) continue;
            sawLast = true;
            int row = n * 4;
            // k = 0: z_2 = u_3 = 3; k = 1: reward u_3 = 3, value 0 (absorbing); k >= 2: all zero.
            Assert.Equal(3f, batch.ValueTargets[row]);
            Assert.Equal(0f, batch.ValueTargets[row + 1]);
            Assert.Equal(3f, batch.RewardTargets[row + 1]);
            Assert.Equal(new[] { 1f, 1f, 1f, 1f }, batch.TargetMask.AsSpan(row, 4).ToArray()); // terminal: absorbing, all known
            Assert.Equal(0f, batch.RewardTargets[row + 2]);
            Assert.Equal(1f, batch.PolicyMask[row]);
            Assert.Equal(0f, batch.PolicyMask[row + 1]);
            Assert.Equal(new[] { 0.25f, 0.75f }, batch.PolicyTargets.AsSpan(row * 2, 2).ToArray());
            Assert.Equal(1L, batch.Actions[n * 3]);
            Assert.InRange(batch.Actions[n * 3 + 1], 0, 1);
        }
        Assert.True(sawLast);
    }

    [Fact]
    public void TargetsPastATruncationAreBootstrappedThenMasked()
    {
        var config = new ReplayConfig { CapacitySteps = 100, TdSteps = 10, PriorityAlpha = 0 };
        var replay = new ReplayBuffer(config, discount: 0.5, twoPlayer: false);
        replay.Add(GameBuilder.Make(rewards: [1, 1], rootValues: [3, 3], terminated: false, truncated: true));
        var batch = new TrainingBatch(size: 32, unrollSteps: 3, observationSize: 1, actionCount: 2);
        replay.Sample(batch, new Xoshiro256(2));
        for (int n = 0; n < batch.Size; n++)
        {
            if (batch.Observations[n] != 1) continue;
            int row = n * 4;
            // t = 1 is the last step: at k = 1 the state of the cut, V(s_2) = (v_1 - u_2) / 0.5 = 4, reward u_2 = 1;
            // k >= 2 is past the cut: masked.
            Assert.Equal(new[] { 1f, 1f, 0f, 0f }, batch.TargetMask.AsSpan(row, 4).ToArray());
            Assert.Equal(4f, batch.ValueTargets[row + 1], 5);
            Assert.Equal(1f, batch.RewardTargets[row + 1]);
            return;
        }
        Assert.Fail("position 1 was never sampled");
    }

    [Fact]
    public void InitialPrioritiesFollowTheSearchError()
    {
        // td 1: z_0 = u_1 + v_1 = 1.5 = v_0 and z_1 = 0: priorities [0, 0.5]; alpha = 1 -> the first position is (almost) never sampled.
        var config = new ReplayConfig { CapacitySteps = 10, TdSteps = 1, PriorityAlpha = 1, PriorityBeta = 1 };
        var replay = new ReplayBuffer(config, discount: 1.0, twoPlayer: false);
        replay.Add(GameBuilder.Make(rewards: [1, 0], rootValues: [1.5f, 0.5f]));
        var batch = new TrainingBatch(size: 200, unrollSteps: 1, observationSize: 1, actionCount: 2);
        replay.Sample(batch, new Xoshiro256(3));
        int first = batch.Observations.Count(o => o == 0);
        Assert.InRange(first, 0, 2); // only the 1e-4 floor remains
    }

    [Fact]
    public void SamplingFrequenciesAndWeightsMatchPriorities()
    {
        var config = new ReplayConfig { CapacitySteps = 10, TdSteps = 1, PriorityAlpha = 1, PriorityBeta = 1 };
        var replay = new ReplayBuffer(config, discount: 1.0, twoPlayer: false);
        replay.Add(GameBuilder.Make(rewards: [0, 0], rootValues: [2, 3])); // z = [3, 0]: priorities |2 - 3| = 1 and |3 - 0| = 3
        var batch = new TrainingBatch(size: 4000, unrollSteps: 1, observationSize: 1, actionCount: 2);
        replay.Sample(batch, new Xoshiro256(7));
        double share = batch.Observations.Count(o => o == 1) / (double)batch.Size;
        Assert.InRange(share, 0.72, 0.78);
        // w = (N P)^-1: P = 1/4 -> 2, P = 3/4 -> 2/3; normalized by the max: 1 and 1/3.
        for (int n = 0; n < batch.Size; n++)
            Assert.Equal(batch.Observations[n] == 0 ? 1.0 : 1.0 / 3, batch.Weights[n], 1e-3);
    }

    [Fact]
    public void UpdatedPrioritiesChangeSampling()
    {
        var config = new ReplayConfig { CapacitySteps = 10, TdSteps = 1, PriorityAlpha = 1, PriorityBeta = 0 };
        var replay = new ReplayBuffer(config, discount: 1.0, twoPlayer: false);
        replay.Add(GameBuilder.Make(rewards: [0, 0], rootValues: [1, 1]));
        replay.UpdatePriorities([0, 1], [0f, 2f]);
        var batch = new TrainingBatch(size: 100, unrollSteps: 1, observationSize: 1, actionCount: 2);
        replay.Sample(batch, new Xoshiro256(11));
        Assert.True(batch.Observations.Count(o => o == 1) >= 99);
    }

    [Fact]
    public void OldestGamesAreEvictedWhole()
    {
        var config = new ReplayConfig { CapacitySteps = 5, TdSteps = 1, PriorityAlpha = 0 };
        var replay = new ReplayBuffer(config, discount: 1.0, twoPlayer: false);
        replay.Add(GameBuilder.Make([0, 0, 0], [0, 0, 0]));
        replay.Add(GameBuilder.Make([0, 0], [0, 0]));
        Assert.Equal(5, replay.Steps);
        replay.Add(GameBuilder.Make([0, 0], [0, 0]));
        Assert.Equal(2, replay.Games);
        Assert.Equal(4, replay.Steps);
        Assert.Equal(3, replay.GamesAdded);
    }

    [Fact]
    public void SumTreeRefusesCapacitiesItCannotHold()
    {
        // Capacities above 2^30 used to loop forever doubling an overflowing leaf count.
        Assert.Throws<ArgumentOutOfRangeException>(() => new SumTree(int.MaxValue));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SumTree(SumTree.MaxCapacity + 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SumTree(0));
        Assert.Equal(1, new SumTree(1).Capacity);
    }

    [Fact]
    public void SumTreeFindsTheSlotOwningTheMass()
    {
        var tree = new SumTree(5);
        tree.Set(0, 1);
        tree.Set(2, 2);
        tree.Set(4, 3);
        Assert.Equal(6, tree.Total);
        Assert.Equal(0, tree.Find(0.5));
        Assert.Equal(2, tree.Find(1.0));
        Assert.Equal(2, tree.Find(2.99));
        Assert.Equal(4, tree.Find(3.0));
        Assert.Equal(4, tree.Find(5.999));
    }
}
