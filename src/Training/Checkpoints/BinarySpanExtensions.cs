using System.Runtime.InteropServices;

namespace MuZero.Training.Checkpoints;

/// <summary>Length-prefixed blocks of unmanaged values for the binary sections of checkpoints (replay, actor state).</summary>
public static class BinarySpanExtensions
{
    /// <summary>Writes the element count, then the raw bytes of <paramref name="values"/>.</summary>
    public static void WriteBlock<T>(this BinaryWriter writer, ReadOnlySpan<T> values) where T : unmanaged
    {
        writer.Write(values.Length);
        writer.Write(MemoryMarshal.AsBytes(values));
    }

    /// <summary>Reads a block written by <see cref="WriteBlock{T}(BinaryWriter, ReadOnlySpan{T})"/> into a list (replacing its contents).</summary>
    /// <exception cref="InvalidDataException">The count is negative or above <paramref name="maxCount"/>, or the data ends early.</exception>
    public static void ReadBlock<T>(this BinaryReader reader, List<T> destination, int maxCount) where T : unmanaged
    {
        int count = reader.ReadInt32();
        if (count < 0 || count > maxCount) throw new InvalidDataException($"block of {count} values, expected at most {maxCount}");
        CollectionsMarshal.SetCount(destination, count);
        reader.BaseStream.ReadExactly(MemoryMarshal.AsBytes(CollectionsMarshal.AsSpan(destination)));
    }

    /// <summary>Reads a block of exactly <paramref name="destination"/>.Length values.</summary>
    /// <exception cref="InvalidDataException">The stored count differs, or the data ends early.</exception>
    public static void ReadBlock<T>(this BinaryReader reader, Span<T> destination) where T : unmanaged
    {
        int count = reader.ReadInt32();
        if (count != destination.Length) throw new InvalidDataException($"block of {count} values, expected {destination.Length}");
        reader.BaseStream.ReadExactly(MemoryMarshal.AsBytes(destination));
    }
}
