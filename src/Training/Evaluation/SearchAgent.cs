using MuZero.Environments;
using MuZero.Randomness;
using MuZero.Search;
using MuZero.Training.Observations;
using static TorchSharp.torch;

namespace MuZero.Training.Evaluation;

/// <summary>
/// A trained model playing for real: a noiseless search from each position, the search policy's action
/// chosen (MuZero: the most visited legal action; Gumbel MuZero: the sequential-halving winner without
/// Gumbel noise). Any number of positions are searched in one batch.
/// </summary>
public sealed class SearchAgent : IPlayer, IDisposable
{
    private readonly ISearchModel _model;
    private readonly BatchedMcts _search;
    private readonly EnvironmentSpec _spec;
    private readonly Xoshiro256 _rng = new(0); // unused without noise and at temperature 0, but required by the search
    private float[] _observations = [];
    private bool[] _legal = [];

    /// <summary>Creates an agent for games of <paramref name="spec"/> whose network sees the observation alone.</summary>
    public SearchAgent(ISearchModel model, SearchConfig search, EnvironmentSpec spec)
        : this(model, search, spec, new ObservationLayout(spec, new Configuration.ObservationConfig()))
    {
    }

    /// <summary>Creates an agent for games of <paramref name="spec"/> whose network takes inputs of <paramref name="layout"/>.</summary>
    public SearchAgent(ISearchModel model, SearchConfig search, EnvironmentSpec spec, ObservationLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        _model = model;
        _spec = spec;
        Layout = layout;
        _search = new BatchedMcts(search, spec.ActionCount, spec.IsTwoPlayer);
    }

    /// <summary>
    /// What the network sees. The methods that take environments need <see cref="ObservationLayout.IsObservationOnly"/>
    /// (a bare position has no history); with history, give inputs built from the episodes to
    /// <see cref="SelectActions(ReadOnlySpan{float}, ReadOnlySpan{bool}, Span{int})"/>.
    /// </summary>
    public ObservationLayout Layout { get; }

    /// <summary>
    /// Chooses a move for each of B positions given as network inputs <paramref name="inputs"/>, [B, InputSize] (see
    /// <see cref="Layout"/>), with legal masks <paramref name="legal"/>, [B, A], into <paramref name="actions"/>, [B].
    /// </summary>
    public void SelectActions(ReadOnlySpan<float> inputs, ReadOnlySpan<bool> legal, Span<int> actions)
    {
        int b = actions.Length, size = Layout.InputSize, a = _spec.ActionCount;
        if (b == 0) return;
        if (inputs.Length != b * size || legal.Length != b * a)
            throw new ArgumentException($"{b} positions need {b * size} input floats and {b * a} legal flags, got {inputs.Length} and {legal.Length}");
        long[] shape = [b, .. Layout.InputShape.Select(d => (long)d)];
        using var scope = NewDisposeScope();
        var observations = tensor(inputs.ToArray(), shape).to(_model.Device); // [B, *input]; the host copy is in the scope too
        var result = _search.Run(_model, observations, legal, addNoise: false, _rng); // temperature 0
        result.Actions.AsSpan(0, b).CopyTo(actions);
    }

    /// <summary>Chooses a move in each of <paramref name="environments"/> (none may be over) into <paramref name="actions"/>.</summary>
    public void SelectActions(IReadOnlyList<IEnvironment> environments, Span<int> actions) => SelectActions(environments, actions, []);

    /// <summary>
    /// As <see cref="SelectActions(IReadOnlyList{IEnvironment}, Span{int})"/>, also writing into <paramref name="values"/>
    /// (empty, or one per environment) the search's value of each position for its player to move.
    /// </summary>
    public void SelectActions(IReadOnlyList<IEnvironment> environments, Span<int> actions, Span<float> values)
    {
        int b = environments.Count, o = _spec.ObservationSize, a = _spec.ActionCount;
        if (b == 0) return;
        RequireObservationOnly();
        if (!values.IsEmpty && values.Length != b) throw new ArgumentException($"Need one value per environment ({b}), got {values.Length}.", nameof(values));
        if (_observations.Length < b * o) _observations = new float[b * o];
        if (_legal.Length < b * a) _legal = new bool[b * a];
        for (int i = 0; i < b; i++)
        {
            environments[i].WriteObservation(_observations.AsSpan(i * o, o));
            environments[i].WriteLegalActions(_legal.AsSpan(i * a, a));
        }
        long[] shape = [b, .. _spec.ObservationShape.Select(d => (long)d)];
        using var scope = NewDisposeScope();
        var observations = tensor(_observations.AsSpan(0, b * o).ToArray(), shape).to(_model.Device); // [B, *obs]; the host copy is in the scope too
        var result = _search.Run(_model, observations, _legal.AsSpan(0, b * a), addNoise: false, _rng); // temperature 0
        result.Actions.AsSpan(0, b).CopyTo(actions);
        if (!values.IsEmpty) result.RootValues.AsSpan(0, b).CopyTo(values);
    }

    /// <summary>
    /// Runs the agent's noiseless search from <paramref name="environment"/> (not over) and returns the whole result,
    /// the tree included (<see cref="SearchResult.Tree"/>, game 0), for inspection.
    /// </summary>
    public SearchResult Inspect(IEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (environment.IsOver) throw new ArgumentException("The game is over: there is nothing to search.", nameof(environment));
        RequireObservationOnly();
        int o = _spec.ObservationSize, a = _spec.ActionCount;
        var observation = new float[o];
        var legal = new bool[a];
        environment.WriteObservation(observation);
        environment.WriteLegalActions(legal);
        long[] shape = [1, .. _spec.ObservationShape.Select(d => (long)d)];
        using var scope = NewDisposeScope();
        var observations = tensor(observation, shape).to(_model.Device); // [1, *obs]
        return _search.Run(_model, observations, legal, addNoise: false, [], _rng, captureTree: true);
    }

    /// <summary>Chooses a move in <paramref name="environment"/>.</summary>
    public int SelectAction(IEnvironment environment) => SelectAction(environment, out _);

    /// <summary>Chooses a move in <paramref name="environment"/>; <paramref name="value"/> is the search's value of the position for its player to move.</summary>
    public int SelectAction(IEnvironment environment, out float value)
    {
        Span<int> action = stackalloc int[1];
        Span<float> values = stackalloc float[1];
        SelectActions([environment], action, values);
        value = values[0];
        return action[0];
    }

    /// <inheritdoc />
    public void Dispose() => _search.Dispose();

    private void RequireObservationOnly()
    {
        if (!Layout.IsObservationOnly)
            throw new InvalidOperationException($"this agent's network sees {Layout.Frames} frames of history{(Layout.HistoryActions ? " and actions" : "")}; a bare position has none (give inputs built from the episode instead)");
    }
}
