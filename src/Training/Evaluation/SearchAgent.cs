using MuZero.Environments;
using MuZero.Randomness;
using MuZero.Search;
using static TorchSharp.torch;

namespace MuZero.Training.Evaluation;

/// <summary>
/// A trained model playing for real: a noiseless search from each position, the most visited legal
/// action chosen. Any number of positions are searched in one batch.
/// </summary>
public sealed class SearchAgent : IPlayer, IDisposable
{
    private readonly ISearchModel _model;
    private readonly BatchedMcts _search;
    private readonly EnvironmentSpec _spec;
    private readonly Xoshiro256 _rng = new(0); // unused without noise and at temperature 0, but required by the search
    private float[] _observations = [];
    private bool[] _legal = [];

    /// <summary>Creates an agent for games of <paramref name="spec"/>.</summary>
    public SearchAgent(ISearchModel model, SearchConfig search, EnvironmentSpec spec)
    {
        _model = model;
        _spec = spec;
        _search = new BatchedMcts(search, spec.ActionCount, spec.IsTwoPlayer);
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
        var result = _search.Run(_model, observations, _legal.AsSpan(0, b * a), addNoise: false, _rng);
        for (int i = 0; i < b; i++)
            actions[i] = ActionSelection.SelectAction(result.VisitCounts.AsSpan(i * a, a), 0, _rng);
        if (!values.IsEmpty) result.RootValues.AsSpan(0, b).CopyTo(values);
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
}
