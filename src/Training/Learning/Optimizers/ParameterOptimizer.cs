using System.Runtime.InteropServices;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MuZero.Training.Learning.Optimizers;

/// <summary>
/// A first-order optimizer over a fixed list of parameters, updating them in place under
/// <c>no_grad</c>. Unlike TorchSharp 0.107's <c>optim.*</c>, which create several temporary
/// <c>Scalar</c>s per parameter and step and hand their native handles to libtorch without keeping
/// them alive (a collection on another thread then frees them mid-call), every <see cref="Scalar"/>
/// used here is a field or a <c>using</c> local that outlives the native call, and every temporary
/// tensor lives in a dispose scope.
/// </summary>
public abstract class ParameterOptimizer : IDisposable
{
    private const int StateFormat = 1;

    /// <summary>1, for the <c>alpha</c> of additions: a static field, so it is never finalized.</summary>
    protected static readonly Scalar One = 1.0.ToScalar();

    private readonly Parameter[] _parameters;
    private double _learningRate;
    private bool _learningRateChanged = true;
    private bool _disposed;

    /// <summary>Creates the optimizer over <paramref name="parameters"/> (their order fixes the saved state's order).</summary>
    protected ParameterOptimizer(string name, IEnumerable<Parameter> parameters, double learningRate)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Name = name;
        _parameters = parameters.ToArray();
        if (_parameters.Length == 0) throw new ArgumentException("an optimizer needs at least one parameter", nameof(parameters));
        LearningRate = learningRate;
    }

    /// <summary>The registry name (<c>adam</c>, <c>adamw</c>, <c>sgd</c>).</summary>
    public string Name { get; }

    /// <summary>The parameters updated, in a fixed order.</summary>
    public IReadOnlyList<Parameter> Parameters => _parameters;

    /// <summary>Updates done so far (the bias corrections of Adam depend on it).</summary>
    public long StepCount { get; private set; }

    /// <summary>The learning rate of the next <see cref="Step"/>; schedules set it before each step.</summary>
    public double LearningRate
    {
        get => _learningRate;
        set
        {
            if (!(value >= 0) || double.IsInfinity(value)) throw new ArgumentOutOfRangeException(nameof(value), value, "learning rate must be finite and >= 0");
            if (value == _learningRate) return;
            _learningRate = value;
            _learningRateChanged = true; // the Scalars that depend on it are re-created by the next Step

        }
    }

    /// <summary>Applies one update from the gradients currently in the parameters' <c>grad</c>; parameters without a gradient are skipped.</summary>
    public void Step()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        if (_learningRateChanged)
        {
            OnLearningRateChanged(_learningRate);
            _learningRateChanged = false;
        }
        StepCount++;
        BeginStep(StepCount);
        for (int i = 0; i < _parameters.Length; i++)
        {
            var grad = _parameters[i].grad; // a new handle to the gradient, owned by the scope
            if (grad is null) continue;
            Update(i, _parameters[i], grad);
        }
        EndStep();
        GC.KeepAlive(this); // the Scalar fields the updates handed to libtorch belong to this object
    }

    /// <summary>Sets every parameter's gradient to zero (in place; missing gradients stay missing).</summary>
    public void ZeroGrad()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        foreach (var parameter in _parameters)
            parameter.grad?.zero_();
    }

    /// <summary>Writes the optimizer's state (name, step count, per-parameter buffers); the learning rate is not saved (the schedule sets it).</summary>
    public void Save(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ObjectDisposedException.ThrowIf(_disposed, this);
        writer.Write(StateFormat);
        writer.Write(Name);
        writer.Write(StepCount);
        writer.Write(_parameters.Length);
        var buffers = StateBuffers();
        writer.Write(buffers.Count);
        using var scope = NewDisposeScope();
        foreach (var buffer in buffers)
        {
            for (int i = 0; i < _parameters.Length; i++)
            {
                var tensor = buffer[i];
                writer.Write(tensor is not null);
                if (tensor is null) continue;
                var host = tensor.to(ScalarType.Float32, CPU).contiguous(); // [*param], float32 on the CPU
                writer.Write(tensor.numel());
                writer.Write(host.bytes); // little-endian float32, as BinaryWriter.Write(float) would write them
            }
        }
    }

    /// <summary>Restores state written by <see cref="Save"/> for the same optimizer over parameters of the same shapes.</summary>
    /// <exception cref="InvalidDataException">The state is of another optimizer, format or parameter layout.</exception>
    public void Load(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ObjectDisposedException.ThrowIf(_disposed, this);
        try
        {
            int format = reader.ReadInt32();
            if (format != StateFormat) throw new InvalidDataException($"optimizer state format {format}, this build reads {StateFormat}");
            string name = reader.ReadString();
            if (name != Name) throw new InvalidDataException($"optimizer state is for '{name}', the config asks for '{Name}'");
            long steps = reader.ReadInt64();
            int count = reader.ReadInt32();
            if (count != _parameters.Length) throw new InvalidDataException($"optimizer state has {count} parameters, the network {_parameters.Length}");
            var buffers = StateBuffers();
            int bufferCount = reader.ReadInt32();
            if (bufferCount != buffers.Count) throw new InvalidDataException($"optimizer state has {bufferCount} buffers per parameter, '{Name}' uses {buffers.Count}");
            // Read everything before touching any buffer, so that a bad state leaves the optimizer as it was.
            var loaded = new float[]?[buffers.Count, _parameters.Length];
            for (int b = 0; b < buffers.Count; b++)
            {
                for (int i = 0; i < _parameters.Length; i++)
                {
                    if (!reader.ReadBoolean()) continue;
                    long n = reader.ReadInt64();
                    if (n != _parameters[i].numel())
                        throw new InvalidDataException($"optimizer state for parameter {i} has {n} values, the parameter {_parameters[i].numel()}");
                    byte[] bytes = reader.ReadBytes(checked((int)n * sizeof(float)));
                    if (bytes.Length != n * sizeof(float)) throw new EndOfStreamException();
                    loaded[b, i] = MemoryMarshal.Cast<byte, float>(bytes).ToArray();
                }
            }
            using var noGrad = no_grad();
            for (int b = 0; b < buffers.Count; b++)
            {
                for (int i = 0; i < _parameters.Length; i++)
                {
                    buffers[b][i]?.Dispose();
                    buffers[b][i] = null;
                    if (loaded[b, i] is not float[] values) continue;
                    var parameter = _parameters[i];
                    using var host = torch.tensor(values, parameter.shape); // [*param], float32 on the CPU
                    buffers[b][i] = host.to(parameter.dtype, parameter.device).DetachFromDisposeScope(); // [*param]
                }
            }
            StepCount = steps;
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException("optimizer state is truncated", e);
        }
    }

    /// <summary>Called by the first <see cref="Step"/> after the learning rate changed (and by the very first): re-create the Scalars that depend on it here, disposing the old ones.</summary>
    protected abstract void OnLearningRateChanged(double learningRate);

    /// <summary>Called once per step before the parameters, with the new step count (1 on the first step).</summary>
    protected virtual void BeginStep(long step)
    {
    }

    /// <summary>Called once per step after the parameters: dispose per-step Scalars here.</summary>
    protected virtual void EndStep()
    {
    }

    /// <summary>Updates parameter <paramref name="index"/> in place from <paramref name="grad"/> (in the step's dispose scope).</summary>
    protected abstract void Update(int index, Parameter parameter, Tensor grad);

    /// <summary>
    /// The per-parameter state buffers, each an array indexed like <see cref="Parameters"/> (null until
    /// first used), in a fixed order; <see cref="Save"/> and <see cref="Load"/> go through these.
    /// </summary>
    protected abstract IReadOnlyList<Tensor?[]> StateBuffers();

    /// <summary>A state buffer of zeros shaped like <paramref name="parameter"/>, outside any dispose scope.</summary>
    protected static Tensor ZerosLike(Parameter parameter) => zeros_like(parameter).DetachFromDisposeScope(); // [*param]

    /// <summary>Disposes the state buffers and the optimizer's Scalars.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (_disposed) return;
        _disposed = true;
        if (!disposing) return;
        foreach (var buffer in StateBuffers())
        {
            for (int i = 0; i < buffer.Length; i++)
            {
                buffer[i]?.Dispose();
                buffer[i] = null;
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }
}
