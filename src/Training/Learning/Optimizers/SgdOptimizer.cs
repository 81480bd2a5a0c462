using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MuZero.Training.Learning.Optimizers;

/// <summary>
/// Stochastic gradient descent with PyTorch's semantics: L2 weight decay added to the gradient, then
/// (when momentum &gt; 0) buf = momentum * buf + grad with no dampening, the first step's buf being the
/// gradient itself, and p -= lr * buf.
/// </summary>
public sealed class SgdOptimizer : ParameterOptimizer
{
    private readonly Scalar _momentum;
    private readonly Scalar _weightDecay;
    private readonly Tensor?[] _momentumBuffer;
    private Scalar? _negativeLearningRate; // re-made when the learning rate changes

    /// <summary>Creates SGD over <paramref name="parameters"/>.</summary>
    public SgdOptimizer(IEnumerable<Parameter> parameters, double learningRate, double momentum, double weightDecay)
        : base("sgd", parameters, learningRate)
    {
        if (momentum is not (>= 0 and < 1)) throw new ArgumentOutOfRangeException(nameof(momentum), momentum, "momentum must be in [0, 1)");
        if (!(weightDecay >= 0)) throw new ArgumentOutOfRangeException(nameof(weightDecay), weightDecay, "weight decay must be >= 0");
        Momentum = momentum;
        WeightDecay = weightDecay;
        _momentum = momentum.ToScalar();
        _weightDecay = weightDecay.ToScalar();
        _momentumBuffer = new Tensor?[Parameters.Count];
    }

    /// <summary>The momentum coefficient (0 = plain SGD).</summary>
    public double Momentum { get; }

    /// <summary>The L2 weight decay coefficient.</summary>
    public double WeightDecay { get; }

    /// <inheritdoc />
    protected override void OnLearningRateChanged(double learningRate)
    {
        _negativeLearningRate?.Dispose();
        _negativeLearningRate = (-learningRate).ToScalar();
    }

    /// <inheritdoc />
    protected override void Update(int index, Parameter parameter, Tensor grad)
    {
        var g = WeightDecay != 0 ? grad.add(parameter, _weightDecay) : grad; // [*param], in the step's scope
        if (Momentum != 0)
        {
            if (_momentumBuffer[index] is not Tensor buffer)
                _momentumBuffer[index] = buffer = g.detach().clone().DetachFromDisposeScope(); // [*param]
            else
                buffer.mul_(_momentum).add_(g, One);
            g = buffer;
        }
        parameter.add_(g, _negativeLearningRate!);
    }

    /// <inheritdoc />
    protected override IReadOnlyList<Tensor?[]> StateBuffers() => [_momentumBuffer];

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing) return;
        _momentum.Dispose();
        _weightDecay.Dispose();
        _negativeLearningRate?.Dispose();
    }
}
