using System.Runtime.InteropServices;
using MuZero.Training.Checkpoints;

namespace MuZero.Training.Replay;

/// <summary>Observations kept as their floats, [T, O] row-major: for games whose observations are not binary (CartPole).</summary>
public sealed class FloatObservationStore : ObservationStore
{
    private readonly List<float> _values = []; // [T, O]

    /// <summary>An empty store for observations of <paramref name="observationSize"/> floats.</summary>
    public FloatObservationStore(int observationSize)
        : base(observationSize)
    {
    }

    /// <inheritdoc />
    public override int Count => _values.Count / ObservationSize;

    /// <inheritdoc />
    public override int BytesPerObservation => ObservationSize * sizeof(float);

    /// <inheritdoc />
    public override void Add(ReadOnlySpan<float> observation)
    {
        CheckLength(observation.Length, nameof(observation));
        _values.AddRange(observation);
    }

    /// <inheritdoc />
    public override void Expand(int t, Span<float> destination)
    {
        CheckStep(t);
        CheckLength(destination.Length, nameof(destination));
        CollectionsMarshal.AsSpan(_values).Slice(t * ObservationSize, ObservationSize).CopyTo(destination);
    }

    /// <inheritdoc />
    /// <remarks>One block of T x O floats: the layout checkpoints had before stores existed, so they still load.</remarks>
    public override void Write(BinaryWriter writer) => writer.WriteBlock<float>(CollectionsMarshal.AsSpan(_values));

    /// <inheritdoc />
    public override void Read(BinaryReader reader, int maxCount)
    {
        reader.ReadBlock(_values, checked(maxCount * ObservationSize));
        if (_values.Count % ObservationSize != 0) throw new InvalidDataException($"{_values.Count} observation floats are not whole observations of {ObservationSize}");
    }
}
