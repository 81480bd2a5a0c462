using MuZero.Devices;
using static TorchSharp.torch;

namespace MuZero.Networks;

/// <summary>
/// The host side of <see cref="NetworkSearchModel"/>'s readout for one thread: copies of the reward, value and policy
/// logits and the pass that turns each row into a reward, a value and priors (<see cref="HostSoftmax"/>, h^-1), alone or
/// with a thread-pool thread taking chunks of rows (<see cref="HelpedRowLoop"/>). Its buffers are reused call after call.
/// </summary>
internal sealed class HostReadout
{
    /// <summary>Rows per chunk of the helped pass.</summary>
    private const int ChunkRows = 64;

    private readonly int _actions;
    private readonly int _rewardBins;
    private readonly int _valueBins;
    private float[] _rewardLogits = [];         // [B, R]
    private float[] _valueLogits = [];          // [B, V]
    private float[] _policyLogits = [];         // [B, A]
    private bool _readsRewards;                 // whether these rows have reward logits (Recurrent) or not (Initial)
    private float[] _rewards = [];              // [B]: the helped pass's outputs, copied to the caller's spans
    private float[] _values = [];               // [B]
    private float[] _priors = [];               // [B * A]
    private HelpedRowLoop? _loop;
    private HelpedRowLoop.Body? _readRows;

    /// <summary>A readout of <paramref name="actions"/> priors and supports of <paramref name="rewardBins"/> and <paramref name="valueBins"/> bins.</summary>
    public HostReadout(int actions, int rewardBins, int valueBins) => (_actions, _rewardBins, _valueBins) = (actions, rewardBins, valueBins);

    /// <summary>
    /// Copies the logits ([B, R] or null, [B, V], [B, A]) to the host and reads each row into <paramref name="rewards"/>
    /// [B] (when there are reward logits), <paramref name="values"/> [B] and <paramref name="priors"/> [B * A]; with
    /// <paramref name="helped"/>, a thread-pool thread takes chunks of rows beside the calling thread.
    /// </summary>
    public void Read(Tensor? rewardLogits, Tensor valueLogits, Tensor policyLogits, Span<float> rewards, Span<float> values, Span<float> priors, bool helped)
    {
        int batch = (int)valueLogits.shape[0];
        _readsRewards = rewardLogits is not null;
        if (rewardLogits is not null) HostCopy.CopyTo(rewardLogits, Resize(ref _rewardLogits, batch * _rewardBins));
        HostCopy.CopyTo(valueLogits, Resize(ref _valueLogits, batch * _valueBins));
        HostCopy.CopyTo(policyLogits, Resize(ref _policyLogits, batch * _actions));
        if (!helped)
        {
            ReadRows(0, batch, rewards, values, priors);
            return;
        }
        // The loop's body cannot hold the caller's spans: the rows go to this readout's arrays, then one copy.
        Resize(ref _rewards, batch);
        Resize(ref _values, batch);
        Resize(ref _priors, batch * _actions);
        (_loop ??= new HelpedRowLoop(ChunkRows)).Run(batch, _readRows ??= (start, end) => ReadRows(start, end, _rewards, _values, _priors));
        if (_readsRewards) _rewards.CopyTo(rewards);
        _values.CopyTo(values);
        _priors.CopyTo(priors);
    }

    /// <summary>Reads rows [<paramref name="start"/>, <paramref name="end"/>) of the copied logits into the outputs.</summary>
    private void ReadRows(int start, int end, Span<float> rewards, Span<float> values, Span<float> priors)
    {
        int a = _actions, r = _rewardBins, v = _valueBins;
        for (int b = start; b < end; b++)
        {
            if (_readsRewards)
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
