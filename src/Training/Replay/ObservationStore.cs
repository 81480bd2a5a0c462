namespace MuZero.Training.Replay;

/// <summary>
/// The observations o_0 .. o_{T-1} of one game as replay keeps them: appended as floats by the actor, expanded back to
/// floats only when a learner batch (or a network input) is built. <see cref="For"/> picks the most compact kind
/// the game allows: one bit per value for binary observations (MinAtar: 10 x 10 x C floats, 400 C bytes, become
/// 13 C bytes), the floats themselves otherwise.
/// </summary>
public abstract class ObservationStore
{
    private protected ObservationStore(int observationSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(observationSize);
        ObservationSize = observationSize;
    }

    /// <summary>Floats per observation (O).</summary>
    public int ObservationSize { get; }

    /// <summary>Observations stored (T).</summary>
    public abstract int Count { get; }

    /// <summary>Bytes one observation takes here (for memory estimates and reports).</summary>
    public abstract int BytesPerObservation { get; }

    /// <summary>An empty store of the kind that fits observations of <paramref name="observationSize"/> floats, binary or not.</summary>
    public static ObservationStore For(int observationSize, bool binary) =>
        binary ? new BitObservationStore(observationSize) : new FloatObservationStore(observationSize);

    /// <summary>Appends o_T, [O].</summary>
    /// <exception cref="ArgumentException">Wrong length, or a value this kind cannot hold (a bit store takes only 0 and 1).</exception>
    public abstract void Add(ReadOnlySpan<float> observation);

    /// <summary>Writes o_t, [O] floats, into <paramref name="destination"/>.</summary>
    public abstract void Expand(int t, Span<float> destination);

    /// <summary>Writes the stored observations (binary, read back by <see cref="Read"/> of a store of the same kind).</summary>
    public abstract void Write(BinaryWriter writer);

    /// <summary>Replaces the contents with at most <paramref name="maxCount"/> observations written by <see cref="Write"/>.</summary>
    /// <exception cref="InvalidDataException">The data is inconsistent or too long.</exception>
    public abstract void Read(BinaryReader reader, int maxCount);

    private protected void CheckLength(int length, string name)
    {
        if (length != ObservationSize) throw new ArgumentException($"observation has {length} floats, expected {ObservationSize}", name);
    }

    private protected void CheckStep(int t)
    {
        if ((uint)t >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(t), t, $"observation {t} of a game of {Count} steps");
    }
}
