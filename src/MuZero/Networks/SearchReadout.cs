using System.Collections.Concurrent;
using TorchSharp;
using static TorchSharp.torch;

namespace MuZero.Networks;

/// <summary>
/// The constant matrix that turns the probabilities of one network call into what the search reads, in one
/// matrix product: [B, R + V + A] (softmax of the reward, value and policy logits side by side) times
/// [R + V + A, 2 + A] gives [B, 2 + A] = (E[reward bin], E[value bin], priors). Column 0 holds the reward
/// support -n..n in the reward rows, column 1 the value support in the value rows, and columns 2.. an identity
/// over the policy rows (a prior times 1 plus zeros is the prior exactly). Without a reward (h + f) R = 0 and
/// column 0 is left out. The expectations still go through h^-1 (<see cref="SupportTransform.Unsquash"/>) on the
/// host, in double precision, where the inverse does not cancel.
/// </summary>
/// <remarks>
/// One product replaces the ~15 elementwise calls per support that the expectation and h^-1 took as tensors:
/// at small batches each libtorch call costs more than its arithmetic. The matrices are cached for the
/// process per device and shape (a handful, a few KB each), like the static Scalars the networks keep.
/// </remarks>
public static class SearchReadout
{
    private static readonly ConcurrentDictionary<(string Device, ScalarType Type, int Reward, int Value, int Actions), Tensor> Cache = new();

    /// <summary>
    /// The readout [R + V + A, (R > 0 ? 2 : 1) + A] for supports of <paramref name="rewardBins"/> (0: none) and
    /// <paramref name="valueBins"/> bins and <paramref name="actions"/> actions, on <paramref name="device"/>.
    /// Owned by the cache: do not dispose.
    /// </summary>
    public static Tensor For(Device device, ScalarType type, int rewardBins, int valueBins, int actions)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rewardBins);
        ArgumentOutOfRangeException.ThrowIfLessThan(valueBins, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(actions, 1);
        return Cache.GetOrAdd((device.ToString(), type, rewardBins, valueBins, actions), key =>
        {
            var host = Build(key.Reward, key.Value, key.Actions);
            int columns = (key.Reward > 0 ? 2 : 1) + key.Actions;
            using var cpu = tensor(host, [key.Reward + key.Value + key.Actions, columns]);
            return cpu.to(key.Type, device).DetachFromDisposeScope();
        });
    }

    /// <summary>The readout's entries row by row ([R + V + A, (R > 0 ? 2 : 1) + A]), for tests and for <see cref="For"/>.</summary>
    public static float[] Build(int rewardBins, int valueBins, int actions)
    {
        int columns = (rewardBins > 0 ? 2 : 1) + actions;
        var matrix = new float[(rewardBins + valueBins + actions) * columns];
        int column = 0, row = 0;
        if (rewardBins > 0)
        {
            for (int i = 0; i < rewardBins; i++) matrix[(row + i) * columns + column] = i - rewardBins / 2;
            row += rewardBins;
            column++;
        }
        for (int i = 0; i < valueBins; i++) matrix[(row + i) * columns + column] = i - valueBins / 2;
        row += valueBins;
        column++;
        for (int a = 0; a < actions; a++) matrix[(row + a) * columns + column + a] = 1f;
        return matrix;
    }
}
