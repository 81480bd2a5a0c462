namespace MuZero.Randomness;

/// <summary>
/// xoshiro256** pseudo-random generator with a state that can be read and restored, so that a
/// checkpointed run resumes with exactly the random stream it would have had (System.Random
/// cannot be serialized). Not thread-safe: give each thread its own instance.
/// </summary>
public sealed class Xoshiro256
{
    private ulong _s0, _s1, _s2, _s3;

    /// <summary>Creates a generator whose state is expanded from <paramref name="seed"/> with SplitMix64.</summary>
    public Xoshiro256(ulong seed)
    {
        ulong x = seed;
        _s0 = SplitMix64(ref x);
        _s1 = SplitMix64(ref x);
        _s2 = SplitMix64(ref x);
        _s3 = SplitMix64(ref x);
    }

    /// <summary>The four state words, for checkpoints.</summary>
    public ulong[] GetState() => [_s0, _s1, _s2, _s3];

    /// <summary>Restores a state captured by <see cref="GetState"/>.</summary>
    public void SetState(ReadOnlySpan<ulong> state)
    {
        if (state.Length != 4) throw new ArgumentException($"RNG state must have 4 words, got {state.Length}.", nameof(state));
        if ((state[0] | state[1] | state[2] | state[3]) == 0) throw new ArgumentException("RNG state must not be all zeros.", nameof(state));
        (_s0, _s1, _s2, _s3) = (state[0], state[1], state[2], state[3]);
    }

    /// <summary>Next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        ulong result = RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform double in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform integer in [0, <paramref name="exclusiveMax"/>).</summary>
    public int NextInt(int exclusiveMax)
    {
        if (exclusiveMax <= 0) throw new ArgumentOutOfRangeException(nameof(exclusiveMax));
        return (int)((NextUInt64() >> 33) * (ulong)exclusiveMax >> 31);
    }

    /// <summary>Standard normal sample (Box-Muller).</summary>
    public double NextGaussian()
    {
        double u1 = 1.0 - NextDouble();
        double u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>
    /// Standard Gumbel(0, 1) sample -log(-log(u)), with u uniform on the open interval (0, 1) (the 53-bit
    /// grid shifted by half a step), so the result is always finite.
    /// </summary>
    public double NextGumbel()
    {
        double u = ((NextUInt64() >> 11) + 0.5) * (1.0 / (1UL << 53));
        return -Math.Log(-Math.Log(u));
    }

    /// <summary>Gamma(shape, 1) sample (Marsaglia-Tsang; boosted for shape &lt; 1).</summary>
    public double NextGamma(double shape)
    {
        if (shape <= 0) throw new ArgumentOutOfRangeException(nameof(shape));
        if (shape < 1)
        {
            // Gamma(a) = Gamma(a + 1) * U^(1/a)
            double u = 1.0 - NextDouble();
            return NextGamma(shape + 1) * Math.Pow(u, 1.0 / shape);
        }
        double d = shape - 1.0 / 3.0;
        double c = 1.0 / Math.Sqrt(9.0 * d);
        while (true)
        {
            double x, v;
            do
            {
                x = NextGaussian();
                v = 1.0 + c * x;
            } while (v <= 0);
            v = v * v * v;
            double u = 1.0 - NextDouble();
            if (Math.Log(u) < 0.5 * x * x + d - d * v + d * Math.Log(v)) return d * v;
        }
    }

    /// <summary>Fills <paramref name="destination"/> with a Dirichlet(alpha, ..., alpha) sample.</summary>
    public void NextDirichlet(double alpha, Span<float> destination)
    {
        double sum = 0;
        for (int i = 0; i < destination.Length; i++)
        {
            double g = NextGamma(alpha);
            destination[i] = (float)g;
            sum += g;
        }
        if (sum <= 0)
        {
            destination.Fill(1f / destination.Length);
            return;
        }
        for (int i = 0; i < destination.Length; i++) destination[i] = (float)(destination[i] / sum);
    }

    /// <summary>A new generator whose stream is independent of this one (seeded from it).</summary>
    public Xoshiro256 Fork() => new(NextUInt64());

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));

    private static ulong SplitMix64(ref ulong x)
    {
        ulong z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
