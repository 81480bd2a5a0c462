using System.Numerics;
using System.Runtime.InteropServices;
using MuZero.Training.Checkpoints;

namespace MuZero.Training.Replay;

/// <summary>
/// Binary observations packed one bit per value: observation t is the ceil(O / 64) words [t * W, (t + 1) * W), value i
/// in bit i % 64 of word i / 64. A MinAtar frame of 10 x 10 x 10 floats (4,000 bytes) takes 16 words (128 bytes).
/// </summary>
public sealed class BitObservationStore : ObservationStore
{
    private readonly List<ulong> _words = []; // [T, W]
    private readonly int _wordsPerObservation;

    /// <summary>An empty store for binary observations of <paramref name="observationSize"/> values.</summary>
    public BitObservationStore(int observationSize)
        : base(observationSize)
    {
        _wordsPerObservation = (observationSize + 63) / 64;
    }

    /// <inheritdoc />
    public override int Count => _words.Count / _wordsPerObservation;

    /// <inheritdoc />
    public override int BytesPerObservation => _wordsPerObservation * sizeof(ulong);

    /// <inheritdoc />
    /// <exception cref="ArgumentException">A value is neither 0 nor 1.</exception>
    public override void Add(ReadOnlySpan<float> observation)
    {
        CheckLength(observation.Length, nameof(observation));
        int start = _words.Count;
        CollectionsMarshal.SetCount(_words, start + _wordsPerObservation);
        var words = CollectionsMarshal.AsSpan(_words).Slice(start, _wordsPerObservation);
        words.Clear();
        for (int i = 0; i < observation.Length; i++)
        {
            float v = observation[i];
            if (v == 1f) words[i >> 6] |= 1UL << (i & 63);
            else if (v != 0f)
            {
                CollectionsMarshal.SetCount(_words, start);
                throw new ArgumentException($"a bit store holds binary observations; value {i} is {v}", nameof(observation));
            }
        }
    }

    /// <inheritdoc />
    public override void Expand(int t, Span<float> destination)
    {
        CheckStep(t);
        CheckLength(destination.Length, nameof(destination));
        destination.Clear();
        var words = CollectionsMarshal.AsSpan(_words).Slice(t * _wordsPerObservation, _wordsPerObservation);
        for (int w = 0; w < words.Length; w++)
        {
            // Visit only the set bits: observations are mostly zeros.
            for (ulong bits = words[w]; bits != 0; bits &= bits - 1)
                destination[(w << 6) + BitOperations.TrailingZeroCount(bits)] = 1f;
        }
    }

    /// <inheritdoc />
    public override void Write(BinaryWriter writer) => writer.WriteBlock<ulong>(CollectionsMarshal.AsSpan(_words));

    /// <inheritdoc />
    public override void Read(BinaryReader reader, int maxCount)
    {
        reader.ReadBlock(_words, checked(maxCount * _wordsPerObservation));
        if (_words.Count % _wordsPerObservation != 0) throw new InvalidDataException($"{_words.Count} observation words are not whole observations of {_wordsPerObservation}");
        int spare = _wordsPerObservation * 64 - ObservationSize; // bits past O in each observation's last word must be clear
        if (spare == 0) return;
        ulong mask = ~0UL << (64 - spare);
        var span = CollectionsMarshal.AsSpan(_words);
        for (int w = _wordsPerObservation - 1; w < span.Length; w += _wordsPerObservation)
            if ((span[w] & mask) != 0) throw new InvalidDataException("an observation has bits set past its last value");
    }
}
