using MuZero.Networks;

namespace MuZero.Training.Replay;

/// <summary>
/// Host-side arrays of one learner batch of N positions unrolled K steps, filled by
/// <see cref="ReplayBuffer.Sample"/> and reused across updates (row-major, shapes in comments).
/// </summary>
public sealed class TrainingBatch
{
    /// <summary>Allocates the arrays for <paramref name="size"/> positions.</summary>
    public TrainingBatch(int size, int unrollSteps, int observationSize, int actionCount)
    {
        Size = size;
        UnrollSteps = unrollSteps;
        ObservationSize = observationSize;
        ActionCount = actionCount;
        Observations = new float[size * observationSize];
        Actions = new long[size * unrollSteps];
        ValueTargets = new float[size * (unrollSteps + 1)];
        RewardTargets = new float[size * (unrollSteps + 1)];
        PolicyTargets = new float[size * (unrollSteps + 1) * actionCount];
        PolicyMask = new float[size * (unrollSteps + 1)];
        TargetMask = new float[size * (unrollSteps + 1)];
        Weights = new float[size];
        Slots = new int[size];
        RootValues = new float[size];
    }

    /// <summary>N.</summary>
    public int Size { get; }

    /// <summary>K.</summary>
    public int UnrollSteps { get; }

    /// <summary>Floats per network input (O: the observation, or the stacked history of <see cref="Observations.ObservationLayout"/>).</summary>
    public int ObservationSize { get; }

    /// <summary>|A|.</summary>
    public int ActionCount { get; }

    /// <summary>The network input of o_t (with its history when stacked), [N, O].</summary>
    public float[] Observations { get; }

    /// <summary>a_{t..t+K-1}, [N, K]; uniform random past the episode's end.</summary>
    public long[] Actions { get; }

    /// <summary>z_{t+k}, [N, K+1]; 0 past the episode's end.</summary>
    public float[] ValueTargets { get; }

    /// <summary>u_{t+k} for k &gt;= 1 (index 0 unused), [N, K+1]; 0 past the end.</summary>
    public float[] RewardTargets { get; }

    /// <summary>pi_{t+k}, [N, K+1, A]; zeros past the end.</summary>
    public float[] PolicyTargets { get; }

    /// <summary>1 where a policy target exists, [N, K+1].</summary>
    public float[] PolicyMask { get; }

    /// <summary>
    /// 1 where the value and reward targets are known, [N, K+1]: everywhere up to the episode's end and
    /// past a terminal state (absorbing), but 0 more than one step past a truncation, where nothing is known.
    /// </summary>
    public float[] TargetMask { get; }

    /// <summary>Importance-sampling weights normalized by their max, [N].</summary>
    public float[] Weights { get; }

    /// <summary>Replay slots of the sampled positions (for priority updates), [N].</summary>
    public int[] Slots { get; }

    /// <summary>Stored root value v_t of each sampled position, [N].</summary>
    public float[] RootValues { get; }

    /// <summary>Two-hot value targets [N, K+1, 2n+1], written by <see cref="EncodeTargets"/>.</summary>
    public float[] ValueDistributions { get; private set; } = [];

    /// <summary>Two-hot reward targets [N, K+1, 2m+1], written by <see cref="EncodeTargets"/>.</summary>
    public float[] RewardDistributions { get; private set; } = [];

    /// <summary>Writes the two-hot encodings of <see cref="ValueTargets"/> and <see cref="RewardTargets"/> (host only, no tensors).</summary>
    public void EncodeTargets(SupportTransform valueSupport, SupportTransform rewardSupport)
    {
        int rows = Size * (UnrollSteps + 1);
        if (ValueDistributions.Length != rows * valueSupport.Bins) ValueDistributions = new float[rows * valueSupport.Bins];
        if (RewardDistributions.Length != rows * rewardSupport.Bins) RewardDistributions = new float[rows * rewardSupport.Bins];
        for (int r = 0; r < rows; r++)
        {
            valueSupport.WriteTwoHot(ValueTargets[r], ValueDistributions.AsSpan(r * valueSupport.Bins, valueSupport.Bins));
            rewardSupport.WriteTwoHot(RewardTargets[r], RewardDistributions.AsSpan(r * rewardSupport.Bins, rewardSupport.Bins));
        }
    }
}
