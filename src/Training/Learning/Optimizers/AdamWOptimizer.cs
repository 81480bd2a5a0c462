using TorchSharp;
using TorchSharp.Modules;

namespace MuZero.Training.Learning.Optimizers;

/// <summary>
/// AdamW (Loshchilov and Hutter): Adam with decoupled weight decay, p *= 1 - lr * wd before each
/// Adam update, as PyTorch's <c>AdamW</c>.
/// </summary>
public sealed class AdamWOptimizer : AdamOptimizer
{
    private Scalar? _decayFactor; // 1 - lr * wd, re-made when the learning rate changes

    /// <summary>Creates AdamW over <paramref name="parameters"/>.</summary>
    public AdamWOptimizer(IEnumerable<Parameter> parameters, double learningRate, double weightDecay)
        : base("adamw", parameters, learningRate, weightDecay, decoupled: true)
    {
    }

    /// <inheritdoc />
    protected override void OnLearningRateChanged(double learningRate)
    {
        _decayFactor?.Dispose();
        _decayFactor = (1 - learningRate * WeightDecay).ToScalar();
    }

    /// <inheritdoc />
    protected override void DecayParameter(Parameter parameter)
    {
        if (WeightDecay != 0) parameter.mul_(_decayFactor!);
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) _decayFactor?.Dispose();
    }
}
