namespace MuZero.Environments;

/// <summary>
/// SplitMix64 pseudo-random generator: tiny, allocation-free and fully determined by its seed.
/// This project has no dependencies, so it carries its own generator for resets and opponents.
/// A mutable struct: keep it in a non-readonly field and never copy it by value while in use.
/// </summary>
public struct SplitMix64(ulong seed)
{
    private const ulong GoldenGamma = 0x9E3779B97F4A7C15UL;

    private ulong _state = seed;

    /// <summary>Next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        _state += GoldenGamma;
        return Mix(_state);
    }

    /// <summary>Uniform double in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform double in [<paramref name="low"/>, <paramref name="high"/>).</summary>
    public double NextDouble(double low, double high) => low + (high - low) * NextDouble();

    /// <summary>Uniform integer in [0, <paramref name="exclusiveMax"/>).</summary>
    public int NextInt(int exclusiveMax)
    {
        if (exclusiveMax <= 0) throw new ArgumentOutOfRangeException(nameof(exclusiveMax), exclusiveMax, "Must be positive.");
        // Multiply-shift (Lemire) on 32 random bits: bias below 2^-32 * exclusiveMax, irrelevant here.
        return (int)(((NextUInt64() >> 32) * (ulong)exclusiveMax) >> 32);
    }

    /// <summary>
    /// The SplitMix64 finalizer: a bijection on 64-bit values that scrambles every input bit,
    /// used to derive independent seeds from structured inputs (distinct inputs give distinct outputs).
    /// </summary>
    public static ulong Mix(ulong value)
    {
        value = (value ^ (value >> 30)) * 0xBF58476D1CE4E5B9UL;
        value = (value ^ (value >> 27)) * 0x94D049BB133111EBUL;
        return value ^ (value >> 31);
    }
}
