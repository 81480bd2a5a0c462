namespace MuZero.Environments;

/// <summary>
/// A fixed-size cache from position keys (<see cref="ConnectFourPosition.Key"/>, below 2^49) to one byte each,
/// for the solver's score bounds. One 64-bit word per slot holds the whole key and the byte, so a hit is exact
/// (no false matches) and a probe touches one cache line. A new entry overwrites whatever shared its slot:
/// recent positions are the likeliest to come back. Nothing is allocated after construction.
/// </summary>
internal sealed class ConnectFourTranspositionTable
{
    /// <summary>Fewest slots allowed (2^10).</summary>
    public const int MinSizeLog2 = 10;

    /// <summary>Most slots allowed (2^30, 8 GiB).</summary>
    public const int MaxSizeLog2 = 30;

    // Fibonacci hashing: multiplying by 2^64 / golden ratio spreads keys that differ only in a few columns'
    // bits over the whole table; the top bits of the product pick the slot.
    private const ulong HashMultiplier = 0x9E3779B97F4A7C15UL;

    private readonly ulong[] _slots;
    private readonly int _shift;

    /// <summary>A table of 2^<paramref name="sizeLog2"/> slots (8 bytes each), all empty.</summary>
    public ConnectFourTranspositionTable(int sizeLog2)
    {
        if (sizeLog2 is < MinSizeLog2 or > MaxSizeLog2)
            throw new ArgumentOutOfRangeException(nameof(sizeLog2), sizeLog2, $"The table size is 2^N slots with N in {MinSizeLog2}..{MaxSizeLog2}.");
        _slots = new ulong[1L << sizeLog2];
        _shift = 64 - sizeLog2;
    }

    /// <summary>Number of slots.</summary>
    public int Size => _slots.Length;

    /// <summary>Forgets every entry.</summary>
    public void Clear() => Array.Clear(_slots);

    /// <summary>Stores <paramref name="value"/> (1..255) for <paramref name="key"/>, replacing the slot's entry.</summary>
    public void Put(ulong key, byte value) => _slots[Slot(key)] = (key << 8) | value;

    /// <summary>The byte stored for <paramref name="key"/>, or 0 when the key is not in the table.</summary>
    public byte Get(ulong key)
    {
        ulong entry = _slots[Slot(key)];
        // An empty slot is 0, which has key 0 but value 0: it reads as "absent" for the empty board too.
        return (entry >> 8) == key ? (byte)entry : (byte)0;
    }

    private int Slot(ulong key) => (int)((key * HashMultiplier) >> _shift);
}
