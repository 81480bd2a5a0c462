using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MuZero.Training.Learning.Optimizers;

/// <summary>
/// Adam (Kingma and Ba) with PyTorch's defaults: betas 0.9 / 0.999, eps 1e-8, bias-corrected moments,
/// and weight decay as an L2 term added to the gradient (PyTorch's <c>Adam(weight_decay=...)</c>).
/// </summary>
public class AdamOptimizer : ParameterOptimizer
{
    /// <summary>beta1, the decay of the first moment.</summary>
    public const double Beta1 = 0.9;

    /// <summary>beta2, the decay of the second moment.</summary>
    public const double Beta2 = 0.999;

    /// <summary>eps added to the denominator.</summary>
    public const double Epsilon = 1e-8;

    // Constants of the update, alive as long as the optimizer: libtorch reads them during every step.
    private readonly Scalar _beta1 = Beta1.ToScalar();
    private readonly Scalar _oneMinusBeta1 = (1 - Beta1).ToScalar();
    private readonly Scalar _beta2 = Beta2.ToScalar();
    private readonly Scalar _oneMinusBeta2 = (1 - Beta2).ToScalar();
    private readonly Scalar _epsilon = Epsilon.ToScalar();
    private readonly Scalar _weightDecay;
    private readonly bool _decoupled;
    private readonly Tensor?[] _expAvg;
    private readonly Tensor?[] _expAvgSq;

    // Per step (they depend on the step count): sqrt(1 - beta2^t) and -lr / (1 - beta1^t).
    private Scalar? _sqrtBiasCorrection2;
    private Scalar? _negativeStepSize;

    /// <summary>Creates Adam over <paramref name="parameters"/>.</summary>
    public AdamOptimizer(IEnumerable<Parameter> parameters, double learningRate, double weightDecay)
        : this("adam", parameters, learningRate, weightDecay, decoupled: false)
    {
    }

    /// <summary>Creates the Adam family member <paramref name="name"/>; <paramref name="decoupled"/> selects AdamW's decay.</summary>
    protected AdamOptimizer(string name, IEnumerable<Parameter> parameters, double learningRate, double weightDecay, bool decoupled)
        : base(name, parameters, learningRate)
    {
        if (!(weightDecay >= 0)) throw new ArgumentOutOfRangeException(nameof(weightDecay), weightDecay, "weight decay must be >= 0");
        WeightDecay = weightDecay;
        _weightDecay = weightDecay.ToScalar();
        _decoupled = decoupled;
        _expAvg = new Tensor?[Parameters.Count];
        _expAvgSq = new Tensor?[Parameters.Count];
    }

    /// <summary>The weight decay coefficient.</summary>
    public double WeightDecay { get; }

    /// <inheritdoc />
    protected override void OnLearningRateChanged(double learningRate)
    {
        // The step size depends on the learning rate and the step count: made in BeginStep.
    }

    /// <inheritdoc />
    protected override void BeginStep(long step)
    {
        double biasCorrection1 = 1 - Math.Pow(Beta1, step);
        double biasCorrection2 = 1 - Math.Pow(Beta2, step);
        _sqrtBiasCorrection2?.Dispose();
        _negativeStepSize?.Dispose();
        _sqrtBiasCorrection2 = Math.Sqrt(biasCorrection2).ToScalar();
        _negativeStepSize = (-LearningRate / biasCorrection1).ToScalar();
    }

    /// <summary>
    /// AdamW's decoupled decay, p *= 1 - lr * wd, applied before the Adam update; Adam itself
    /// applies none here (its decay goes into the gradient).
    /// </summary>
    protected virtual void DecayParameter(Parameter parameter)
    {
    }

    /// <inheritdoc />
    protected override void Update(int index, Parameter parameter, Tensor grad)
    {
        if (_decoupled) DecayParameter(parameter);
        var g = !_decoupled && WeightDecay != 0 ? grad.add(parameter, _weightDecay) : grad; // [*param], in the step's scope
        var expAvg = _expAvg[index] ??= ZerosLike(parameter);
        var expAvgSq = _expAvgSq[index] ??= ZerosLike(parameter);
        expAvg.mul_(_beta1).add_(g, _oneMinusBeta1);
        expAvgSq.mul_(_beta2).addcmul_(g, g, _oneMinusBeta2);
        var denominator = expAvgSq.sqrt().div_(_sqrtBiasCorrection2!).add_(_epsilon, One); // [*param]
        parameter.addcdiv_(expAvg, denominator, _negativeStepSize!);
    }

    /// <inheritdoc />
    protected override IReadOnlyList<Tensor?[]> StateBuffers() => [_expAvg, _expAvgSq];

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing) return;
        foreach (var scalar in new[] { _beta1, _oneMinusBeta1, _beta2, _oneMinusBeta2, _epsilon, _weightDecay, _sqrtBiasCorrection2, _negativeStepSize })
            scalar?.Dispose();
    }
}
