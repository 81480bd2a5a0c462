using MuZero.Environments;
using MuZero.Randomness;
using MuZero.Training.Configuration;
using MuZero.Training.Learning;
using MuZero.Training.Observations;
using MuZero.Training.Replay;

namespace MuZero.Training.Tests;

/// <summary>
/// <see cref="SymmetryAugmentation"/> on TicTacToe-sized rows (3 planes of 3 x 3 cells, 9 actions, K = 2): the
/// observation, the unrolled actions and the policy targets move through the same symmetry; values do not move.
/// </summary>
public sealed class SymmetryAugmentationTests
{
    private const int Planes = 3, Cells = 9, Actions = 9, K = 2;

    private static readonly ObservationLayout Layout = new(new TicTacToe().Spec, new ObservationConfig());

    private static TrainingBatch Batch(int rows)
    {
        var batch = new TrainingBatch(rows, K, Planes * Cells, Actions);
        for (int row = 0; row < rows; row++)
        {
            // Plane 0: stones on cells 0 and 1, a pattern whose 8 images are all different; plane 1: cell 5; plane 2: all ones.
            var observation = batch.Observations.AsSpan(row * Planes * Cells, Planes * Cells);
            observation[0] = 1;
            observation[1] = 1;
            observation[Cells + 5] = 1;
            observation.Slice(2 * Cells, Cells).Fill(1);
            batch.Actions[row * K] = 0;
            batch.Actions[row * K + 1] = 5;
            var policy = batch.PolicyTargets.AsSpan(row * (K + 1) * Actions, (K + 1) * Actions);
            policy[0] = 0.75f;                 // step 0: cells 0 and 3
            policy[3] = 0.25f;
            policy[Actions + 8] = 1f;          // step 1: cell 8
            policy[2 * Actions + 1] = 1f;      // step 2: cell 1
            batch.ValueTargets[row * (K + 1)] = 0.5f;
        }
        return batch;
    }

    [Fact]
    public void ARotationMovesStonesActionsAndPolicyTogether()
    {
        var symmetries = BoardSymmetry.Square(3);
        var augmentation = new SymmetryAugmentation(symmetries, Layout);
        var batch = Batch(2);
        augmentation.Apply(batch, 0, symmetries.Single(s => s.Name == "rotate 90")); // (r, c) -> (c, 2 - r)

        var observation = batch.Observations.AsSpan(0, Planes * Cells).ToArray();
        float[] plane0 = [0, 0, 1, 0, 0, 1, 0, 0, 0]; // cells 0, 1 -> 2, 5
        float[] plane1 = [0, 0, 0, 0, 0, 0, 0, 1, 0]; // cell 5 = (1, 2) -> (2, 1) = 7
        Assert.Equal(plane0, observation[..Cells]);
        Assert.Equal(plane1, observation[Cells..(2 * Cells)]);
        Assert.All(observation[(2 * Cells)..], v => Assert.Equal(1f, v));
        Assert.Equal([2L, 7L], batch.Actions[..K]);
        var policy = batch.PolicyTargets.AsSpan(0, (K + 1) * Actions).ToArray();
        Assert.Equal(0.75f, policy[2]);              // cell 0 -> 2
        Assert.Equal(0.25f, policy[1]);              // cell 3 = (1, 0) -> (0, 1) = 1
        Assert.Equal(1f, policy[Actions + 6]);       // cell 8 = (2, 2) -> (2, 0) = 6
        Assert.Equal(1f, policy[2 * Actions + 5]);   // cell 1 = (0, 1) -> (1, 2) = 5
        Assert.Equal(3f, policy.Sum());
        Assert.Equal(0.5f, batch.ValueTargets[0]);

        var untouched = Batch(1);
        Assert.Equal(untouched.Observations, batch.Observations.AsSpan(Planes * Cells, Planes * Cells).ToArray());
        Assert.Equal(untouched.Actions, batch.Actions[K..]);
    }

    [Fact]
    public void EachRowGetsOneSymmetryForAllItsPartsAndEverySymmetryIsDrawn()
    {
        var symmetries = BoardSymmetry.Square(3);
        var augmentation = new SymmetryAugmentation(symmetries, Layout);
        const int rows = 400;
        var batch = Batch(rows);
        augmentation.Apply(batch, new Xoshiro256(5));

        var drawn = new int[symmetries.Count];
        for (int row = 0; row < rows; row++)
        {
            var expected = Batch(1);
            int match = -1;
            for (int s = 0; s < symmetries.Count; s++)
            {
                var image = Batch(1);
                augmentation.Apply(image, 0, symmetries[s]);
                if (image.Observations.AsSpan().SequenceEqual(batch.Observations.AsSpan(row * Planes * Cells, Planes * Cells)))
                {
                    Assert.Equal(-1, match); // the pattern's images are distinct
                    match = s;
                    Assert.Equal(image.Actions, batch.Actions.AsSpan(row * K, K).ToArray());
                    Assert.Equal(image.PolicyTargets, batch.PolicyTargets.AsSpan(row * (K + 1) * Actions, (K + 1) * Actions).ToArray());
                }
            }
            Assert.NotEqual(-1, match);
            drawn[match]++;
        }
        Assert.All(drawn, count => Assert.InRange(count, 25, 80)); // 50 expected each
    }

    [Fact]
    public void HistoryActionPlanesMoveToTheMappedActions()
    {
        // Two frames of 3 planes, then 9 one-hot action planes per frame: [2 * 3 + 2 * 9, 3, 3].
        var layout = new ObservationLayout(new TicTacToe().Spec, new ObservationConfig { HistoryFrames = 2, HistoryActions = true });
        var symmetries = BoardSymmetry.Square(3);
        var augmentation = new SymmetryAugmentation(symmetries, layout);
        var batch = new TrainingBatch(1, K, layout.InputSize, Actions);
        batch.Observations[3 * Cells + 0] = 1;                               // frame 1, own stones: cell 0
        batch.Observations.AsSpan((6 + 9 + 3) * Cells, Cells).Fill(1);      // action into frame 1 was cell 3
        augmentation.Apply(batch, 0, symmetries.Single(s => s.Name == "rotate 90"));

        Assert.Equal(1, batch.Observations[3 * Cells + 2]);                  // cell 0 -> 2
        Assert.Equal(0, batch.Observations[3 * Cells + 0]);
        Assert.All(batch.Observations.AsSpan((6 + 9 + 1) * Cells, Cells).ToArray(), v => Assert.Equal(1f, v)); // cell 3 -> 1
        Assert.Equal(Cells + 1, batch.Observations.Sum());                  // nothing else set
    }

    [Fact]
    public void ObservationsWhosePlanesAreNotTheBoardAreRefused()
    {
        var vector = new ObservationLayout(new CartPole().Spec, new ObservationConfig());
        var e = Assert.Throws<ArgumentException>(() => new SymmetryAugmentation(BoardSymmetry.Square(3), vector));
        Assert.StartsWith("symmetry 'identity' maps 9 cells and 9 actions; expected 9 and 2", e.Message);
        var connectFour = new ObservationLayout(new ConnectFour().Spec, new ObservationConfig());
        e = Assert.Throws<ArgumentException>(() => new SymmetryAugmentation(BoardSymmetry.ColumnMirror(3, 7), connectFour));
        Assert.StartsWith("the symmetries map 21 cells; the observation has frames of 126 floats in planes of 42", e.Message);
    }
}
