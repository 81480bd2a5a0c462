namespace MuZero.Training.Configuration;

/// <summary>
/// What the representation network h sees of the game's history (MuZero for Atari: the last 32 frames and the 32
/// actions that led to them). The defaults, one frame and no actions, give h the current observation alone, as
/// board games need. See <see cref="Observations.ObservationLayout"/> for the layout of the stacked input.
/// </summary>
public sealed record ObservationConfig
{
    /// <summary>N: the current observation and the N - 1 before it, stacked (frames before the episode's start are zeros).</summary>
    public int HistoryFrames { get; init; } = 1;

    /// <summary>
    /// Also give h, for each of the N frames, the action that led to it as |A| one-hot planes (zeros for the first
    /// frame of an episode and the frames before it). With sticky actions the previous action is part of the state.
    /// </summary>
    public bool HistoryActions { get; init; }
}
