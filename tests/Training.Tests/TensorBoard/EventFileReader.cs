using System.Buffers.Binary;
using System.Text;

namespace MuZero.Training.Tests.TensorBoard;

/// <summary>One decoded TensorBoard event: wall time, step, and either the file version or scalar values.</summary>
internal sealed record ReadEvent(double WallTime, long Step, string? FileVersion, IReadOnlyList<(string Tag, float Value)> Scalars);

/// <summary>
/// An independent reader of TensorBoard event files for the tests, written from the format's description rather than
/// from the writer: TFRecord framing (uint64 length, masked CRC-32C of the length's 8 bytes, data, masked CRC-32C of
/// the data) and the few protobuf fields of <c>Event</c> and <c>Summary</c> a scalar needs. Its CRC-32C is the plain
/// bit-by-bit definition, so it shares no code or table with the writer's.
/// </summary>
internal static class EventFileReader
{
    /// <summary>Every event of the file; throws on a bad CRC, a truncated record or malformed protobuf.</summary>
    public static List<ReadEvent> Read(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        var events = new List<ReadEvent>();
        int at = 0;
        while (at < bytes.Length)
        {
            if (bytes.Length - at < 12) throw new InvalidDataException($"{path}: truncated record header at byte {at}");
            ulong length = BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(at, 8));
            uint lengthCrc = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at + 8, 4));
            if (lengthCrc != MaskedCrc(bytes.AsSpan(at, 8))) throw new InvalidDataException($"{path}: bad length CRC at byte {at}");
            at += 12;
            if ((ulong)(bytes.Length - at) < length + 4) throw new InvalidDataException($"{path}: truncated record data at byte {at}");
            var data = bytes.AsSpan(at, (int)length);
            uint dataCrc = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at + (int)length, 4));
            if (dataCrc != MaskedCrc(data)) throw new InvalidDataException($"{path}: bad data CRC at byte {at}");
            events.Add(DecodeEvent(data));
            at += (int)length + 4;
        }
        return events;
    }

    /// <summary>CRC-32C (Castagnoli, reflected polynomial 0x82F63B78), bit by bit.</summary>
    public static uint Crc32C(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int bit = 0; bit < 8; bit++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0x82F63B78 : crc >> 1;
        }
        return ~crc;
    }

    private static uint MaskedCrc(ReadOnlySpan<byte> data)
    {
        uint crc = Crc32C(data);
        return ((crc >> 15) | (crc << 17)) + 0xA282EAD8;
    }

    // Event: 1 wall_time (double), 2 step (int64), 3 file_version (string), 5 summary (Summary).
    private static ReadEvent DecodeEvent(ReadOnlySpan<byte> data)
    {
        double wallTime = 0;
        long step = 0;
        string? fileVersion = null;
        var scalars = new List<(string, float)>();
        int at = 0;
        while (at < data.Length)
        {
            var (field, wire) = Key(data, ref at);
            switch (field, wire)
            {
                case (1, 1): wallTime = BinaryPrimitives.ReadDoubleLittleEndian(data.Slice(at, 8)); at += 8; break;
                case (2, 0): step = (long)Varint(data, ref at); break;
                case (3, 2): fileVersion = Encoding.UTF8.GetString(LengthDelimited(data, ref at)); break;
                case (5, 2): DecodeSummary(LengthDelimited(data, ref at), scalars); break;
                default: Skip(data, ref at, wire); break;
            }
        }
        return new ReadEvent(wallTime, step, fileVersion, scalars);
    }

    // Summary: 1 value (repeated Value); Value: 1 tag (string), 2 simple_value (float).
    private static void DecodeSummary(ReadOnlySpan<byte> data, List<(string, float)> scalars)
    {
        int at = 0;
        while (at < data.Length)
        {
            var (field, wire) = Key(data, ref at);
            if (field != 1 || wire != 2)
            {
                Skip(data, ref at, wire);
                continue;
            }
            var value = LengthDelimited(data, ref at);
            string? tag = null;
            float? simple = null;
            int v = 0;
            while (v < value.Length)
            {
                var (f, w) = Key(value, ref v);
                if (f == 1 && w == 2) tag = Encoding.UTF8.GetString(LengthDelimited(value, ref v));
                else if (f == 2 && w == 5) { simple = BinaryPrimitives.ReadSingleLittleEndian(value.Slice(v, 4)); v += 4; }
                else Skip(value, ref v, w);
            }
            if (tag is null || simple is null) throw new InvalidDataException("summary value without tag or simple_value");
            scalars.Add((tag, simple.Value));
        }
    }

    private static (int Field, int Wire) Key(ReadOnlySpan<byte> data, ref int at)
    {
        ulong key = Varint(data, ref at);
        return ((int)(key >> 3), (int)(key & 7));
    }

    private static ulong Varint(ReadOnlySpan<byte> data, ref int at)
    {
        ulong value = 0;
        for (int shift = 0; shift < 64; shift += 7)
        {
            byte b = data[at++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0) return value;
        }
        throw new InvalidDataException("varint longer than 10 bytes");
    }

    private static ReadOnlySpan<byte> LengthDelimited(ReadOnlySpan<byte> data, ref int at)
    {
        int length = checked((int)Varint(data, ref at));
        var slice = data.Slice(at, length);
        at += length;
        return slice;
    }

    private static void Skip(ReadOnlySpan<byte> data, ref int at, int wire)
    {
        switch (wire)
        {
            case 0: Varint(data, ref at); break;
            case 1: at += 8; break;
            case 2: LengthDelimited(data, ref at); break;
            case 5: at += 4; break;
            default: throw new InvalidDataException($"unsupported protobuf wire type {wire}");
        }
    }
}
