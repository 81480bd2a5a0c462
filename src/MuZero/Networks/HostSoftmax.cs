using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MuZero.Networks;

/// <summary>
/// The search's readout of one row of logits on the host, in float and eight lanes at a time (<see cref="Vector256"/>,
/// its <c>Exp</c> included): a support's expectation and a policy's softmax. Both subtract the row's maximum first, so
/// no logit overflows the exponential.
/// </summary>
public static class HostSoftmax
{
    private static readonly Vector256<float> Lanes = Vector256.Create(0f, 1f, 2f, 3f, 4f, 5f, 6f, 7f);

    /// <summary>E[i - n] under softmax(<paramref name="logits"/>) for the support -n..n ([2n + 1] logits).</summary>
    public static float SupportExpectation(ReadOnlySpan<float> logits)
    {
        int bins = logits.Length;
        if (bins == 0 || bins % 2 == 0) throw new ArgumentException($"a support has an odd number of bins, got {bins}", nameof(logits));
        float max = Max(logits), half = bins / 2;
        ref float start = ref MemoryMarshal.GetReference(logits);
        float total = 0, weighted = 0;
        int i = 0;
        if (bins >= Vector256<float>.Count)
        {
            var maxes = Vector256.Create(max);
            var offsets = Lanes - Vector256.Create(half); // i - n for the first eight bins
            var step = Vector256.Create((float)Vector256<float>.Count);
            Vector256<float> totals = Vector256<float>.Zero, sums = Vector256<float>.Zero;
            for (; i <= bins - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                var p = Vector256.Exp(Vector256.LoadUnsafe(ref start, (nuint)i) - maxes);
                totals += p;
                sums += p * offsets;
                offsets += step;
            }
            total = Vector256.Sum(totals);
            weighted = Vector256.Sum(sums);
        }
        if (bins - i >= Vector128<float>.Count)
        {
            // Four more bins in one exponential (all of a 5-bin reward support but its last bin).
            var p = Vector128.Exp(Vector128.LoadUnsafe(ref start, (nuint)i) - Vector128.Create(max));
            total += Vector128.Sum(p);
            weighted += Vector128.Sum(p * (Lanes.GetLower() + Vector128.Create(i - half)));
            i += Vector128<float>.Count;
        }
        for (; i < bins; i++)
        {
            float p = MathF.Exp(Unsafe.Add(ref start, i) - max);
            total += p;
            weighted += p * (i - half);
        }
        return weighted / total;
    }

    /// <summary>softmax(<paramref name="logits"/>) into <paramref name="destination"/> (the same length).</summary>
    public static void Softmax(ReadOnlySpan<float> logits, Span<float> destination)
    {
        if (destination.Length != logits.Length)
            throw new ArgumentException($"destination has {destination.Length} entries, logits {logits.Length}", nameof(destination));
        float max = Max(logits), total = 0;
        for (int i = 0; i < logits.Length; i++)
        {
            float p = MathF.Exp(logits[i] - max);
            destination[i] = p;
            total += p;
        }
        float scale = 1f / total;
        for (int i = 0; i < destination.Length; i++) destination[i] *= scale;
    }

    private static float Max(ReadOnlySpan<float> values)
    {
        ref float start = ref MemoryMarshal.GetReference(values);
        float max = float.NegativeInfinity;
        int i = 0;
        if (values.Length >= Vector256<float>.Count)
        {
            var maxes = Vector256.Create(float.NegativeInfinity);
            for (; i <= values.Length - Vector256<float>.Count; i += Vector256<float>.Count)
                maxes = Vector256.Max(maxes, Vector256.LoadUnsafe(ref start, (nuint)i));
            // Across the lanes in three steps (halves, then pairs) instead of eight element reads.
            var half = Vector128.Max(maxes.GetLower(), maxes.GetUpper());
            half = Vector128.Max(half, Vector128.Shuffle(half, Vector128.Create(2, 3, 0, 1)));
            half = Vector128.Max(half, Vector128.Shuffle(half, Vector128.Create(1, 0, 3, 2)));
            max = half.ToScalar();
        }
        for (; i < values.Length; i++)
        {
            float v = Unsafe.Add(ref start, i);
            if (v > max) max = v;
        }
        return max;
    }
}
