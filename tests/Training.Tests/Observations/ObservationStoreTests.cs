using MuZero.Training.Replay;

namespace MuZero.Training.Tests.Observations;

public sealed class ObservationStoreTests
{
    private static float[] RandomBinary(int size, int seed)
    {
        var random = new Random(seed);
        var values = new float[size];
        for (int i = 0; i < size; i++) values[i] = random.Next(3) == 0 ? 1f : 0f;
        return values;
    }

    [Theory]
    [InlineData(1000)] // a MinAtar frame of 10 channels: 16 words
    [InlineData(64)]   // exactly one word
    [InlineData(3)]    // most of the word spare
    public void BitsExpandToTheFloatsTheyWereGivenAndSurviveACheckpoint(int size)
    {
        var store = new BitObservationStore(size);
        var frames = Enumerable.Range(0, 5).Select(i => RandomBinary(size, i)).ToArray();
        foreach (var frame in frames) store.Add(frame);
        Assert.Equal(5, store.Count);
        Assert.Equal((size + 63) / 64 * 8, store.BytesPerObservation);

        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true)) store.Write(writer);
        buffer.Position = 0;
        var read = new BitObservationStore(size);
        using (var reader = new BinaryReader(buffer)) read.Read(reader, maxCount: 5);

        var expanded = new float[size];
        for (int t = 0; t < frames.Length; t++)
        {
            expanded.AsSpan().Fill(7f); // stale values must be overwritten, zeros included
            read.Expand(t, expanded);
            Assert.Equal(frames[t], expanded);
        }
    }

    [Fact]
    public void AMinAtarFrameTakesAThirtySecondOfItsFloats()
    {
        Assert.Equal(128, new BitObservationStore(1000).BytesPerObservation);
        Assert.Equal(4000, new FloatObservationStore(1000).BytesPerObservation);
    }

    [Fact]
    public void ABitStoreRefusesNonBinaryValuesAndKeepsItsContents()
    {
        var store = new BitObservationStore(4);
        store.Add([1, 0, 0, 1]);
        var error = Assert.Throws<ArgumentException>(() => store.Add([1, 0.5f, 0, 0]));
        Assert.Contains("value 1 is 0.5", error.Message);
        Assert.Equal(1, store.Count);
        var expanded = new float[4];
        store.Expand(0, expanded);
        Assert.Equal([1f, 0, 0, 1], expanded);
    }

    [Fact]
    public void ABitBlockWithBitsPastTheLastValueIsRejected()
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(1);          // one word
            writer.Write(1UL << 10);  // value 10 of a 3-value observation
        }
        buffer.Position = 0;
        using var reader = new BinaryReader(buffer);
        Assert.Throws<InvalidDataException>(() => new BitObservationStore(3).Read(reader, maxCount: 4));
    }

    [Fact]
    public void FloatStoresKeepTheCheckpointLayoutOfPlainFloatBlocks()
    {
        var store = new FloatObservationStore(2);
        store.Add([0.25f, -3f]);
        store.Add([1f, 2f]);
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true)) store.Write(writer);
        buffer.Position = 0;
        using var reader = new BinaryReader(buffer);
        Assert.Equal(4, reader.ReadInt32()); // the float count, then the floats: what GameHistory wrote before stores
        Assert.Equal([0.25f, -3f, 1f, 2f], Enumerable.Range(0, 4).Select(_ => reader.ReadSingle()).ToArray());
    }

    [Fact]
    public void AGameOfBinaryObservationsRoundTripsThroughItsCheckpointFormat()
    {
        var game = new GameHistory(observationSize: 100, actionCount: 2, binaryObservations: true);
        var frames = Enumerable.Range(0, 3).Select(i => RandomBinary(100, 10 + i)).ToArray();
        foreach (var frame in frames)
        {
            game.AddStep(frame, [true, true], 0, 1, 0.5f, [0.5f, 0.5f]);
            game.SetLastReward(1);
        }
        game.Finish(terminated: true, truncated: false);
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true)) game.Write(writer);
        buffer.Position = 0;
        using var reader = new BinaryReader(buffer);
        var read = GameHistory.Read(reader, 100, 2, maxLength: 10, binaryObservations: true);
        var expanded = new float[100];
        read.WriteObservation(2, expanded);
        Assert.Equal(frames[2], expanded);
        Assert.Equal(16, read.BytesPerObservation);
    }
}
