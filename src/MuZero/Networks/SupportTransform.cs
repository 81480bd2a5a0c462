namespace MuZero.Networks;

/// <summary>
/// Scalars as categorical distributions (paper, appendix F): a scalar x is squashed by the invertible
/// h(x) = sign(x) (sqrt(|x| + 1) - 1) + eps x, clamped to [-n, n], and split between its two nearest
/// integer support points (two-hot). The expectation of a predicted distribution over the support,
/// passed through h^-1, gives the scalar back.
/// </summary>
public sealed class SupportTransform
{
    /// <summary>The eps of h(x); 0.001 in the paper.</summary>
    public const double Epsilon = 0.001;

    /// <summary>Creates a support [-<paramref name="size"/>, <paramref name="size"/>] (2 n + 1 bins).</summary>
    public SupportTransform(int size)
    {
        if (size < 1) throw new ArgumentOutOfRangeException(nameof(size), size, "support size must be >= 1");
        Size = size;
    }

    /// <summary>n: the support is the integers -n..n.</summary>
    public int Size { get; }

    /// <summary>Number of bins, 2 n + 1.</summary>
    public int Bins => 2 * Size + 1;

    /// <summary>h(x) = sign(x) (sqrt(|x| + 1) - 1) + eps x.</summary>
    public static double Squash(double x) => Math.Sign(x) * (Math.Sqrt(Math.Abs(x) + 1) - 1) + Epsilon * x;

    /// <summary>h^-1(y), the exact inverse of <see cref="Squash"/>; NaN stays NaN (a diverged network must show as one).</summary>
    public static double Unsquash(double y)
    {
        if (double.IsNaN(y)) return double.NaN; // Math.Sign throws on NaN
        double a = (Math.Sqrt(1 + 4 * Epsilon * (Math.Abs(y) + 1 + Epsilon)) - 1) / (2 * Epsilon);
        return Math.Sign(y) * (a * a - 1);
    }

    /// <summary>Writes the two-hot encoding of h(<paramref name="x"/>) into <paramref name="destination"/> (length <see cref="Bins"/>).</summary>
    public void WriteTwoHot(double x, Span<float> destination)
    {
        if (destination.Length != Bins) throw new ArgumentException($"expected {Bins} bins, got {destination.Length}", nameof(destination));
        destination.Clear();
        double y = Math.Clamp(Squash(x), -Size, Size);
        double floor = Math.Floor(y);
        int lower = (int)floor + Size;
        float upperWeight = (float)(y - floor);
        destination[lower] = 1f - upperWeight;
        if (upperWeight > 0) destination[lower + 1] = upperWeight;
    }

    /// <summary>Scalar of a probability vector over the support (host side): h^-1(sum_i p_i i).</summary>
    public double ToScalar(ReadOnlySpan<float> probabilities)
    {
        double expectation = 0;
        for (int i = 0; i < probabilities.Length; i++) expectation += probabilities[i] * (i - Size);
        return Unsquash(expectation);
    }

    /// <summary>Scalar of logits over the support (host side): h^-1(sum_i softmax(logits)_i i), [2n+1] -> scalar.</summary>
    public double ScalarOfLogits(ReadOnlySpan<float> logits)
    {
        if (logits.Length != Bins) throw new ArgumentException($"expected {Bins} logits, got {logits.Length}", nameof(logits));
        float max = float.NegativeInfinity;
        foreach (float l in logits) max = Math.Max(max, l);
        double total = 0, weighted = 0;
        for (int i = 0; i < logits.Length; i++)
        {
            double p = Math.Exp(logits[i] - max);
            total += p;
            weighted += p * (i - Size);
        }
        return Unsquash(weighted / total);
    }
}
