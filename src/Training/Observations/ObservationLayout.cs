using MuZero.Environments;
using MuZero.Training.Configuration;
using MuZero.Training.Replay;

namespace MuZero.Training.Observations;

/// <summary>
/// The representation network's input for position t built from the game's history (<see cref="ObservationConfig"/>):
/// the frames o_{t-N+1} .. o_t, oldest first, then, with history actions, for each of those frames the action that led
/// to it, a_{t-N} .. a_{t-1}, as |A| one-hot planes. Frames and actions before the episode's start are zeros (an
/// absent frame looks like an empty screen; an absent action sets no plane).
/// </summary>
/// <remarks>
/// <para>For observations [C, H, W] the input is [N C + N |A|, H, W]: channels k C .. k C + C - 1 hold frame slot k
/// (slot N - 1 is o_t), channel N C + k |A| + a is all ones when the action into slot k was a. For vector observations
/// [O] the input is [N O + N |A|] the same way, a plane being one float. With N = 1 and no actions the input is the
/// observation itself.</para>
/// <para>Actions are one-hot planes rather than MuZero-for-Atari's single plane of a / |A|: the actions have no order
/// (MinAtar's no-op, left, up, right, down, fire), and with |A| = 6 the extra planes cost only in h's first
/// convolution, which runs once per search, not once per simulation.</para>
/// </remarks>
public sealed class ObservationLayout
{
    /// <summary>The layout of <paramref name="config"/> for games of <paramref name="spec"/>.</summary>
    public ObservationLayout(EnvironmentSpec spec, ObservationConfig config)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(config);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(config.HistoryFrames);
        var shape = spec.ObservationShape;
        if (shape.Length is not (1 or 3)) throw new ArgumentException($"observation history needs [O] or [C, H, W] observations, {spec.Name} has [{string.Join(", ", shape)}]");
        Frames = config.HistoryFrames;
        HistoryActions = config.HistoryActions;
        ActionCount = spec.ActionCount;
        FrameSize = spec.ObservationSize;
        BinaryObservations = spec.BinaryObservations;
        PlaneSize = shape.Length == 3 ? shape[1] * shape[2] : 1;
        int actionPlanes = HistoryActions ? Frames * ActionCount : 0;
        InputShape = shape.Length == 3
            ? [Frames * shape[0] + actionPlanes, shape[1], shape[2]]
            : [Frames * shape[0] + actionPlanes];
        InputSize = InputShape.Aggregate(1, (a, b) => a * b);
    }

    /// <summary>The layout of a run's config (its game and its <c>observation</c> section).</summary>
    public static ObservationLayout For(ExperimentConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return new ObservationLayout(config.Environment.Spec(), config.Observation);
    }

    /// <summary>N, frames stacked.</summary>
    public int Frames { get; }

    /// <summary>Whether the actions into the frames are planes of the input.</summary>
    public bool HistoryActions { get; }

    /// <summary>|A|.</summary>
    public int ActionCount { get; }

    /// <summary>Floats of one frame (the game's observation size O).</summary>
    public int FrameSize { get; }

    /// <summary>Floats of one plane: H W for [C, H, W] frames, 1 for vectors.</summary>
    public int PlaneSize { get; }

    /// <summary>The game's observations are binary (replay keeps them as bits).</summary>
    public bool BinaryObservations { get; }

    /// <summary>Shape of one input: [N C + N |A|, H, W], or [N O + N |A|] for vector observations (no action part without history actions).</summary>
    public int[] InputShape { get; }

    /// <summary>Floats of one input.</summary>
    public int InputSize { get; }

    /// <summary>True when the input is the current observation alone (one frame, no actions).</summary>
    public bool IsObservationOnly => Frames == 1 && !HistoryActions;

    /// <summary>The frame part of an input: the N frames, oldest first, [N, O] (frame slot k at [k O, (k + 1) O)).</summary>
    public Span<float> FrameSlot(Span<float> input, int slot) => input.Slice(slot * FrameSize, FrameSize);

    /// <summary>Sets the action planes of slot <paramref name="slot"/> for <paramref name="action"/>; -1 (no action) sets none. The planes must be clear.</summary>
    public void SetAction(Span<float> input, int slot, int action)
    {
        if (!HistoryActions || action < 0) return;
        input.Slice(Frames * FrameSize + (slot * ActionCount + action) * PlaneSize, PlaneSize).Fill(1f);
    }

    /// <summary>
    /// Writes the input of position <paramref name="t"/> of <paramref name="game"/> (0 &lt;= t &lt;= Length - 1) into
    /// <paramref name="input"/>, [InputSize]: what h saw when the actor searched o_t.
    /// </summary>
    public void Write(GameHistory game, int t, Span<float> input)
    {
        ArgumentNullException.ThrowIfNull(game);
        if ((uint)t >= (uint)game.Length) throw new ArgumentOutOfRangeException(nameof(t), t, $"position {t} of a game of {game.Length} steps");
        if (input.Length != InputSize) throw new ArgumentException($"input needs {InputSize} floats, got {input.Length}", nameof(input));
        if (IsObservationOnly)
        {
            game.WriteObservation(t, input);
            return;
        }
        input.Clear();
        for (int slot = 0; slot < Frames; slot++)
        {
            int step = t - (Frames - 1 - slot);
            if (step < 0) continue;
            game.WriteObservation(step, FrameSlot(input, slot));
            if (step > 0) SetAction(input, slot, game.Action(step - 1));
        }
    }
}
