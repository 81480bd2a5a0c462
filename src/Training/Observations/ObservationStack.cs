namespace MuZero.Training.Observations;

/// <summary>
/// The last N frames and the actions that led to them for each of B games being played (self-play, evaluation): the
/// rolling window an <see cref="ObservationLayout"/> input is written from. Preallocated; nothing is allocated per step.
/// </summary>
public sealed class ObservationStack
{
    private readonly ObservationLayout _layout;
    private readonly float[] _frames;  // [B, N, O], oldest frame first; zeros before the episode's start
    private readonly int[] _actions;   // [B, N], the action into each frame; -1 for none

    /// <summary>Creates the windows of <paramref name="games"/> games; each must be <see cref="Start"/>ed before it is written.</summary>
    public ObservationStack(ObservationLayout layout, int games)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(games);
        _layout = layout;
        Count = games;
        _frames = new float[checked(games * layout.Frames * layout.FrameSize)];
        _actions = new int[games * layout.Frames];
        _actions.AsSpan().Fill(-1);
    }

    /// <summary>B.</summary>
    public int Count { get; }

    /// <summary>Game <paramref name="game"/> starts an episode whose first observation is <paramref name="observation"/>, [O].</summary>
    public void Start(int game, ReadOnlySpan<float> observation)
    {
        var frames = Frames(game);
        frames.Clear();
        Actions(game).Fill(-1);
        observation.CopyTo(frames[^_layout.FrameSize..]);
    }

    /// <summary>Game <paramref name="game"/> played <paramref name="action"/> and now observes <paramref name="observation"/>, [O].</summary>
    public void Push(int game, int action, ReadOnlySpan<float> observation)
    {
        int o = _layout.FrameSize;
        var frames = Frames(game);
        var actions = Actions(game);
        frames[o..].CopyTo(frames); // overlapping copies move like memmove
        actions[1..].CopyTo(actions);
        observation.CopyTo(frames[^o..]);
        actions[^1] = action;
    }

    /// <summary>Writes game <paramref name="game"/>'s input into <paramref name="input"/>, [InputSize].</summary>
    public void Write(int game, Span<float> input)
    {
        if (input.Length != _layout.InputSize) throw new ArgumentException($"input needs {_layout.InputSize} floats, got {input.Length}", nameof(input));
        var frames = Frames(game);
        frames.CopyTo(input);
        if (!_layout.HistoryActions) return;
        var planes = input[frames.Length..];
        planes.Clear();
        var actions = Actions(game);
        for (int slot = 0; slot < actions.Length; slot++) _layout.SetAction(input, slot, actions[slot]);
    }

    private Span<float> Frames(int game)
    {
        int size = _layout.Frames * _layout.FrameSize;
        return _frames.AsSpan(game * size, size);
    }

    private Span<int> Actions(int game) => _actions.AsSpan(game * _layout.Frames, _layout.Frames);
}
