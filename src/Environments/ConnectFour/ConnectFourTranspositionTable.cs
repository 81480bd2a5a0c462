using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MuZero.Environments;

/// <summary>
/// A fixed-size cache from position keys (<see cref="ConnectFourPosition.Key"/>, below 2^49) to one byte each,
/// for the solver's score bounds. One 64-bit word per slot holds the whole key and the byte, so a hit is exact
/// (no false matches) and a probe touches one cache line. A new entry overwrites whatever shared its slot:
/// recent positions are the likeliest to come back. Nothing is allocated after construction.
/// </summary>
/// <remarks>
/// Probes land at random across the table, so on a large table nearly every probe misses the TLB as well as
/// the caches. On Linux the table asks for transparent huge pages (2 MiB), which removes most of the TLB misses
/// (about a fifth less time per node measured on the solver); elsewhere, or when refused, it uses normal pages.
/// </remarks>
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
        // Pinned (it never moves, so the advice stays with it) and not zeroed yet, so no page is touched before
        // the advice; Clear then faults every page in, up front rather than during the first searches.
        _slots = GC.AllocateUninitializedArray<ulong>(1 << sizeLog2, pinned: true);
        HugePages.Advise(_slots);
        Array.Clear(_slots);
        _shift = 64 - sizeLog2;
    }

    /// <summary>Number of slots.</summary>
    public int Size => _slots.Length;

    /// <summary>Forgets every entry.</summary>
    public void Clear() => Array.Clear(_slots);

    /// <summary>Stores <paramref name="value"/> (1..255) for <paramref name="key"/>, replacing the slot's entry.</summary>
    public void Put(ulong key, byte value) => SlotOf(key) = (key << 8) | value;

    /// <summary>The byte stored for <paramref name="key"/>, or 0 when the key is not in the table.</summary>
    public byte Get(ulong key)
    {
        ulong entry = SlotOf(key);
        // An empty slot is 0, which has key 0 but value 0: it reads as "absent" for the empty board too.
        return (entry >> 8) == key ? (byte)entry : (byte)0;
    }

    // The shift leaves exactly log2(size) bits, so the index is always in range: skip the bounds check.
    private ref ulong SlotOf(ulong key) =>
        ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_slots), (nint)((key * HashMultiplier) >> _shift));

    /// <summary>Best-effort request for transparent huge pages (Linux <c>madvise(MADV_HUGEPAGE)</c>).</summary>
    private static class HugePages
    {
        private const int MadviseHugePage = 14;
        private const long HugePageBytes = 2L << 20;

        public static void Advise(ulong[] array)
        {
            if (!OperatingSystem.IsLinux() || (long)array.Length * sizeof(ulong) < 2 * HugePageBytes) return;
            var handle = GCHandle.Alloc(array, GCHandleType.Pinned);
            try
            {
                long start = handle.AddrOfPinnedObject();
                long first = (start + HugePageBytes - 1) & ~(HugePageBytes - 1);
                long end = (start + (long)array.Length * sizeof(ulong)) & ~(HugePageBytes - 1);
                // The result is ignored on purpose: without huge pages the table works the same, only slower.
                _ = Madvise((nint)first, (nuint)(end - first), MadviseHugePage);
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
            {
                // No C library to ask (unusual Linux): keep normal pages.
            }
            finally
            {
                handle.Free();
            }
        }

        [DllImport("libc", EntryPoint = "madvise")]
        private static extern int Madvise(nint address, nuint length, int advice);
    }
}
