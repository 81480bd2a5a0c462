using MuZero.Environments;
using MuZero.Training.Configuration;
using MuZero.Training.Observations;
using MuZero.Training.Replay;

namespace MuZero.Training.Tests.Observations;

public sealed class ObservationLayoutTests
{
    // One channel on a 1 x 2 board, 3 actions: every plane is 2 floats, so inputs can be written out by hand.
    private static readonly EnvironmentSpec Tiny = new("tiny", [1, 1, 2], 3, 1, 100, BinaryObservations: true);

    private static GameHistory TinyGame(float[][] frames, int[] actions)
    {
        var game = new GameHistory(2, 3, binaryObservations: true);
        for (int t = 0; t < frames.Length; t++)
        {
            game.AddStep(frames[t], [true, true, true], 0, actions[t], 0, [1f / 3, 1f / 3, 1f / 3]);
            game.SetLastReward(0);
        }
        return game;
    }

    [Fact]
    public void TheInputStacksTheLastFramesOldestFirstThenTheActionsThatLedToThem()
    {
        var layout = new ObservationLayout(Tiny, new ObservationConfig { HistoryFrames = 3, HistoryActions = true });
        Assert.Equal([3 + 3 * 3, 1, 2], layout.InputShape);
        Assert.Equal(24, layout.InputSize);
        var game = TinyGame([[1, 0], [0, 1], [1, 1], [0, 0]], [2, 0, 1, 1]);
        var input = new float[24];

        // t = 1: slot 0 is before the start (zeros), slot 1 is o_0 (no action led to it), slot 2 is o_1 after a_0 = 2.
        layout.Write(game, 1, input);
        float[] expected =
        [
            0, 0, /* o_-1 */ 1, 0, /* o_0 */ 0, 1, /* o_1 */
            0, 0, 0, 0, 0, 0, /* slot 0: no action */
            0, 0, 0, 0, 0, 0, /* slot 1: no action */
            0, 0, 0, 0, 1, 1, /* slot 2: action 2 */
        ];
        Assert.Equal(expected, input);

        // t = 3: o_1, o_2, o_3 after a_0 = 2, a_1 = 0, a_2 = 1.
        layout.Write(game, 3, input);
        expected =
        [
            0, 1, 1, 1, 0, 0,
            0, 0, 0, 0, 1, 1,
            1, 1, 0, 0, 0, 0,
            0, 0, 1, 1, 0, 0,
        ];
        Assert.Equal(expected, input);
    }

    [Fact]
    public void VectorObservationsStackAsVectorsWithOneFloatPerActionPlane()
    {
        var spec = new EnvironmentSpec("vector", [2], 2, 1, 100);
        var layout = new ObservationLayout(spec, new ObservationConfig { HistoryFrames = 2, HistoryActions = true });
        Assert.Equal([2 * 2 + 2 * 2], layout.InputShape);
        var game = new GameHistory(2, 2);
        game.AddStep([0.5f, -1f], [true, true], 0, 1, 0, [0.5f, 0.5f]);
        game.AddStep([2f, 3f], [true, true], 0, 0, 0, [0.5f, 0.5f]);
        var input = new float[8];
        layout.Write(game, 1, input);
        Assert.Equal([0.5f, -1f, 2f, 3f, 0, 0, 0, 1], input);
    }

    [Fact]
    public void WithoutHistoryTheInputIsTheObservation()
    {
        var layout = new ObservationLayout(Tiny, new ObservationConfig());
        Assert.True(layout.IsObservationOnly);
        Assert.Equal(Tiny.ObservationShape, layout.InputShape);
        var game = TinyGame([[1, 0], [0, 1]], [0, 0]);
        var input = new float[2];
        layout.Write(game, 1, input);
        Assert.Equal([0f, 1], input);

        // The last action alone (sticky actions make it part of the state): [C + |A|, H, W].
        var lastAction = new ObservationLayout(Tiny, new ObservationConfig { HistoryActions = true });
        Assert.Equal([1 + 3, 1, 2], lastAction.InputShape);
    }

    [Fact]
    public void TheActorsRollingWindowGivesTheInputReplayRebuildsForEveryPosition()
    {
        var layout = new ObservationLayout(Tiny, new ObservationConfig { HistoryFrames = 3, HistoryActions = true });
        float[][] frames = [[1, 0], [0, 1], [1, 1], [0, 0], [1, 0], [0, 1]];
        int[] actions = [2, 0, 1, 1, 2, 0];
        var game = TinyGame(frames, actions);
        var stack = new ObservationStack(layout, games: 2);
        var fromStack = new float[layout.InputSize];
        var fromReplay = new float[layout.InputSize];
        stack.Start(1, [1, 1]); // another game's window must not leak into game 0's
        for (int t = 0; t < frames.Length; t++)
        {
            if (t == 0) stack.Start(0, frames[0]);
            else stack.Push(0, actions[t - 1], frames[t]);
            stack.Write(0, fromStack);
            layout.Write(game, t, fromReplay);
            Assert.Equal(fromReplay, fromStack);
        }

        // A new episode starts from zeros again.
        stack.Start(0, [0, 1]);
        stack.Write(0, fromStack);
        Assert.Equal(new float[] { 0, 0, 0, 0, 0, 1 }.Concat(new float[18]), fromStack);
    }
}
