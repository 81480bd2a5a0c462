using System.Buffers.Binary;
using System.Numerics;

namespace MuZero.Training.Runs;

/// <summary>
/// What a resumed run needs to know of TensorBoard event files: their records (TFRecord framing: uint64 length,
/// masked CRC-32C of the length's 8 bytes, the data, masked CRC-32C of the data; all little-endian) and each
/// record's <c>Event.step</c> (protobuf field 2). Writing is TorchSharp's (<see cref="TensorBoardWriter"/>).
/// </summary>
public static class TensorBoardEventFile
{
    /// <summary>How every event file's name starts; TensorBoard reads any file whose name contains "tfevents".</summary>
    public const string NamePrefix = "events.out.tfevents.";

    // Outside TensorBoard's "tfevents" file pattern, so a crash between write and rename leaves nothing it would read.
    private const string TemporaryName = ".tensorboard-cut-back.tmp";

    /// <summary>
    /// Cuts the event file at <paramref name="path"/> back to a run resumed at update <paramref name="step"/>, as
    /// <see cref="MetricsWriter.OpenForResume"/> does for metrics: keeps the intact records of steps at or below it
    /// (the file-version record has step 0), drops later ones (their updates are redone and logged again) and
    /// everything from the first torn or corrupt record on (a kill mid-write); rewrites the file through a temporary
    /// file and a rename when anything was dropped. Returns the number of records dropped (a torn tail counts one).
    /// </summary>
    public static int CutBack(string path, long step)
    {
        byte[] bytes = File.ReadAllBytes(path);
        using var kept = new MemoryStream(bytes.Length);
        int dropped = 0;
        for (int at = 0; at < bytes.Length;)
        {
            if (!TryReadRecord(bytes, at, out var data, out int next) || !TryReadStep(data, out long eventStep))
            {
                dropped++;
                break;
            }
            if (eventStep <= step) kept.Write(bytes, at, next - at);
            else dropped++;
            at = next;
        }
        if (dropped > 0)
        {
            string temporary = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, TemporaryName);
            File.WriteAllBytes(temporary, kept.ToArray());
            File.Move(temporary, path, overwrite: true);
        }
        return dropped;
    }

    /// <summary>CRC-32C (Castagnoli) of <paramref name="data"/>, as TFRecord uses it (before masking).</summary>
    public static uint Crc32C(ReadOnlySpan<byte> data)
    {
        uint crc = uint.MaxValue;
        while (data.Length >= sizeof(ulong))
        {
            crc = BitOperations.Crc32C(crc, BinaryPrimitives.ReadUInt64LittleEndian(data));
            data = data[sizeof(ulong)..];
        }
        foreach (byte b in data) crc = BitOperations.Crc32C(crc, b);
        return ~crc;
    }

    /// <summary>TFRecord's masked CRC: the CRC-32C rotated right by 15 bits plus 0xA282EAD8 (so CRCs of CRCs stay distinct).</summary>
    public static uint MaskedCrc32C(ReadOnlySpan<byte> data)
    {
        uint crc = Crc32C(data);
        return BitOperations.RotateRight(crc, 15) + 0xA282EAD8;
    }

    /// <summary>The record at <paramref name="at"/> when it is whole and both its CRCs match.</summary>
    private static bool TryReadRecord(byte[] bytes, int at, out ReadOnlySpan<byte> data, out int next)
    {
        data = default;
        next = at;
        var rest = bytes.AsSpan(at);
        if (rest.Length < 16) return false; // header and data CRC, even for empty data
        ulong length = BinaryPrimitives.ReadUInt64LittleEndian(rest);
        if (BinaryPrimitives.ReadUInt32LittleEndian(rest[8..]) != MaskedCrc32C(rest[..8])) return false;
        if (length > (ulong)(rest.Length - 16)) return false;
        data = rest.Slice(12, (int)length);
        if (BinaryPrimitives.ReadUInt32LittleEndian(rest[(12 + (int)length)..]) != MaskedCrc32C(data)) return false;
        next = at + 16 + (int)length;
        return true;
    }

    /// <summary>Field 2 (step, a varint) of an Event message; 0 when absent (protobuf's default). False when malformed.</summary>
    private static bool TryReadStep(ReadOnlySpan<byte> message, out long step)
    {
        step = 0;
        int at = 0;
        while (at < message.Length)
        {
            if (!TryReadVarint(message, ref at, out ulong key)) return false;
            int field = (int)(key >> 3), wire = (int)(key & 7);
            switch (wire)
            {
                case 0:
                    if (!TryReadVarint(message, ref at, out ulong value)) return false;
                    if (field == 2) step = (long)value;
                    break;
                case 1: at += 8; break;
                case 2:
                    if (!TryReadVarint(message, ref at, out ulong length) || length > (ulong)(message.Length - at)) return false;
                    at += (int)length;
                    break;
                case 5: at += 4; break;
                default: return false;
            }
        }
        return at == message.Length;
    }

    private static bool TryReadVarint(ReadOnlySpan<byte> data, ref int at, out ulong value)
    {
        value = 0;
        for (int shift = 0; shift < 64 && at < data.Length; shift += 7)
        {
            byte b = data[at++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0) return true;
        }
        return false;
    }
}
