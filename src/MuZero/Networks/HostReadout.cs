using MuZero.Devices;
using static TorchSharp.torch;

namespace MuZero.Networks;

/// <summary>
/// The host side of <see cref="NetworkSearchModel"/>'s readout for one thread: copies of the reward, value and policy
/// logits and the pass that turns each row into a reward, a value and priors (<see cref="HostSoftmax"/>, h^-1). Its
/// buffers are reused call after call.
/// </summary>
internal sealed class HostReadout
{
    private readonly int _actions;
    private readonly int _rewardBins;
    private readonly int _valueBins;
    private float[] _rewardLogits = [];         // [B, R]
    private float[] _valueLogits = [];          // [B, V]
    private float[] _policyLogits = [];         // [B, A]

    /// <summary>A readout of <paramref name="actions"/> priors and supports of <paramref name="rewardBins"/> and <paramref name="valueBins"/> bins.</summary>
    public HostReadout(int actions, int rewardBins, int valueBins) => (_actions, _rewardBins, _valueBins) = (actions, rewardBins, valueBins);

    /// <summary>
    /// Copies the logits ([B, R] or null, [B, V], [B, A]) to the host and reads each row into <paramref name="rewards"/>
    /// [B] (when there are reward logits), <paramref name="values"/> [B] and <paramref name="priors"/> [B * A].
    /// </summary>
    public void Read(Tensor? rewardLogits, Tensor valueLogits, Tensor policyLogits, Span<float> rewards, Span<float> values, Span<float> priors)
    {
        int batch = (int)valueLogits.shape[0], a = _actions, r = _rewardBins, v = _valueBins;
        if (rewardLogits is not null) HostCopy.CopyTo(rewardLogits, Resize(ref _rewardLogits, batch * r));
        HostCopy.CopyTo(valueLogits, Resize(ref _valueLogits, batch * v));
        HostCopy.CopyTo(policyLogits, Resize(ref _policyLogits, batch * a));
        for (int b = 0; b < batch; b++)
        {
            if (rewardLogits is not null)
                rewards[b] = (float)SupportTransform.Unsquash(HostSoftmax.SupportExpectation(_rewardLogits.AsSpan(b * r, r)));
            values[b] = (float)SupportTransform.Unsquash(HostSoftmax.SupportExpectation(_valueLogits.AsSpan(b * v, v)));
            HostSoftmax.Softmax(_policyLogits.AsSpan(b * a, a), priors.Slice(b * a, a));
        }
    }

    private static Span<float> Resize(ref float[] buffer, int length)
    {
        if (buffer.Length != length) buffer = new float[length];
        return buffer;
    }
}
