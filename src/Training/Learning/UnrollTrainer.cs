using MuZero.Networks;
using MuZero.Training.Configuration;
using MuZero.Training.Learning.Optimizers;
using MuZero.Training.Replay;
using TorchSharp;
using static TorchSharp.torch;

namespace MuZero.Training.Learning;

/// <summary>The learner: one optimizer step per <c>Train</c> on a sampled batch, with the learning-rate schedule applied.</summary>
public sealed class UnrollTrainer : IDisposable
{
    private readonly MuZeroNetwork _network;
    private readonly TrainingConfig _config;
    private readonly Device _device;
    private readonly long[] _observationShape;
    private readonly float[] _rootValueLogits;

    /// <summary>Creates the learner and its optimizer for <paramref name="network"/> (already on <paramref name="device"/>).</summary>
    public UnrollTrainer(MuZeroNetwork network, TrainingConfig config, Device device, int[] observationShape)
    {
        _network = network;
        _config = config;
        _device = device;
        _observationShape = observationShape.Select(d => (long)d).ToArray();
        _rootValueLogits = new float[config.BatchSize * network.ValueSupport.Bins];
        Optimizer = OptimizerRegistry.Create(config.Optimizer, network.parameters(), config);
    }

    /// <summary>The optimizer named by the config (its state is part of checkpoints).</summary>
    public ParameterOptimizer Optimizer { get; }

    /// <summary>Updates done so far (restored from checkpoints).</summary>
    public long Step { get; set; }

    /// <summary>Two-hot encodes <paramref name="batch"/>'s targets for this learner's supports (managed work only; any thread).</summary>
    public void EncodeTargets(TrainingBatch batch) => batch.EncodeTargets(_network.ValueSupport, _network.RewardSupport);

    /// <summary>Moves an encoded batch to the learner's device. Call from the learner's thread: libtorch calls stay on one thread.</summary>
    public BatchTensors ToTensors(TrainingBatch batch)
    {
        return BatchTensors.Create(batch, _observationShape, _network.ValueSupport.Bins, _network.RewardSupport.Bins, _device);
    }

    /// <summary>Runs one update on <paramref name="batch"/>; writes new priorities |v_pred - z| into <paramref name="priorities"/> [N].</summary>
    public LossReport Train(TrainingBatch batch, Span<float> priorities)
    {
        EncodeTargets(batch);
        using var tensors = ToTensors(batch);
        return Train(batch, tensors, priorities);
    }

    /// <summary>Runs one update on <paramref name="batch"/> already moved to the device as <paramref name="tensors"/> (see <see cref="ToTensors"/>).</summary>
    public LossReport Train(TrainingBatch batch, BatchTensors tensors, Span<float> priorities)
    {
        double lr = _config.LearningRateSchedule.At(Step, _config.LearningRate, _config.TrainingSteps);
        Optimizer.LearningRate = lr;

        if (!_network.training) _network.train(); // one native call per module: skip it when nothing changed the mode
        using var scope = NewDisposeScope();
        Optimizer.ZeroGrad();
        var terms = MuZeroLoss.Compute(_network, tensors, _config.ValueLossWeight);
        terms.Total.backward();
        if (_config.MaxGradNorm is double clip) nn.utils.clip_grad_norm_(Optimizer.Parameters, clip);
        Optimizer.Step();
        Step++;

        Span<float> values = stackalloc float[4];
        MuZero.Devices.HostCopy.CopyTo(stack([terms.Total, terms.Value, terms.Reward, terms.Policy]), values); // [4]
        // One copy of the [N, 2n+1] logits; their scalars cost less on the host than a dozen small libtorch calls.
        int bins = _network.ValueSupport.Bins;
        var logits = _rootValueLogits.AsSpan(0, batch.Size * bins);
        MuZero.Devices.HostCopy.CopyTo(terms.RootValueLogits, logits);
        for (int i = 0; i < batch.Size; i++)
        {
            double rootValue = _network.ValueSupport.ScalarOfLogits(logits.Slice(i * bins, bins));
            priorities[i] = (float)Math.Abs(rootValue - batch.ValueTargets[i * (batch.UnrollSteps + 1)]);
        }
        return new LossReport(values[0], values[1], values[2], values[3], lr);
    }

    /// <inheritdoc />
    public void Dispose() => Optimizer.Dispose();
}
