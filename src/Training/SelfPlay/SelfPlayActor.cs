using MuZero.Environments;
using MuZero.Randomness;
using MuZero.Search;
using MuZero.Training.Checkpoints;
using MuZero.Training.Configuration;
using MuZero.Training.Observations;
using MuZero.Training.Replay;
using TorchSharp;
using static TorchSharp.torch;

namespace MuZero.Training.SelfPlay;

/// <summary>
/// The actor: B games in lockstep, one batched search per move for all of them, each playing the search
/// policy's action (MuZero: sampled from the visit counts with the scheduled temperature; Gumbel MuZero:
/// the sequential-halving winner) and recording the policy's action weights as the policy target; each
/// finished game handed over as a <see cref="GameHistory"/>. The network sees each game's
/// <see cref="ObservationLayout"/> input (its last frames and actions when the config stacks history), and episodes
/// longer than <see cref="SelfPlayConfig.MaxEpisodeSteps"/> are cut as truncations.
/// </summary>
public sealed class SelfPlayActor : IDisposable
{
    private readonly SelfPlayConfig _config;
    private readonly ISearchModel _model;
    private readonly BatchedMcts _search;
    private readonly Func<IEnvironment> _factory;
    private VectorEnvironment _environments;
    private readonly Xoshiro256 _rng;
    private readonly GameHistory[] _games;
    private readonly long[] _inputShape;
    private readonly ObservationLayout _layout;
    private readonly ObservationStack? _stack; // null when the input is the observation alone
    private readonly float[] _inputs;          // [B, InputSize] when stacking
    private readonly float[] _frame;           // [O], scratch for rebuilding the stacks on resume
    private int[]? _restoredCarriedStates;
    private readonly int[] _actions;
    private readonly float[] _rewards;
    private readonly bool[] _terminated;
    private readonly bool[] _truncated;
    private readonly double[] _temperatures;
    private readonly SearchResult _result;     // rewritten by every search (each step copies what it keeps)

    /// <summary>Creates the actor over <paramref name="config"/>.SelfPlay.ParallelGames games of <paramref name="factory"/>.</summary>
    public SelfPlayActor(ExperimentConfig config, Func<IEnvironment> factory, ISearchModel model, Xoshiro256 rng)
    {
        _config = config.SelfPlay;
        _model = model;
        _rng = rng;
        _factory = factory;
        int b = config.SelfPlay.ParallelGames;
        _environments = new VectorEnvironment(factory, b, rng.NextUInt64());
        Spec = _environments.Spec;
        _search = new BatchedMcts(config.Search, Spec.ActionCount, Spec.IsTwoPlayer);
        _layout = new ObservationLayout(Spec, config.Observation);
        _inputShape = [b, .. _layout.InputShape.Select(d => (long)d)];
        _games = new GameHistory[b];
        for (int i = 0; i < b; i++) _games[i] = NewGame();
        _frame = new float[Spec.ObservationSize];
        if (_layout.IsObservationOnly)
        {
            _inputs = [];
        }
        else
        {
            _stack = new ObservationStack(_layout, b);
            _inputs = new float[b * _layout.InputSize];
            for (int i = 0; i < b; i++) _stack.Start(i, CurrentObservation(i));
        }
        _actions = new int[b];
        _rewards = new float[b];
        _terminated = new bool[b];
        _truncated = new bool[b];
        _temperatures = new double[b];
        _result = new SearchResult(b, Spec.ActionCount);
    }

    /// <summary>The game being played.</summary>
    public EnvironmentSpec Spec { get; }

    /// <summary>The search (its timing split is read by benchmarks).</summary>
    public BatchedMcts Search => _search;

    /// <summary>Root values and policy-target entropies of the searches played since the owner last cleared them.</summary>
    public SearchStatistics SearchStatistics { get; } = new();

    /// <summary>Plays one move in every game; returns the number of environment steps taken (B).</summary>
    public int Step(long trainingStep, Action<GameHistory> onGameFinished)
    {
        int b = _games.Length, a = Spec.ActionCount, o = Spec.ObservationSize;
        for (int i = 0; i < b; i++) _temperatures[i] = _config.TemperatureAt(trainingStep, _games[i].Length);
        SearchResult result = _result;
        if (_stack is not null)
        {
            for (int i = 0; i < b; i++) _stack.Write(i, _inputs.AsSpan(i * _layout.InputSize, _layout.InputSize));
        }
        using (var observations = tensor(_stack is null ? _environments.Observations : _inputs, _inputShape)) // [B, *input]
        using (var onDevice = observations.to(_model.Device))
        {
            // The noise of every game is drawn first, then the action samples game by game.
            _search.Run(_model, onDevice, _environments.LegalActions, addNoise: true, _temperatures, _rng, result);
        }
        for (int i = 0; i < b; i++)
        {
            _actions[i] = result.Actions[i];
            SearchStatistics.Add(result.RootValues[i], result.Weights(i));
            _games[i].AddStep(_environments.Observations.AsSpan(i * o, o), _environments.LegalActions.AsSpan(i * a, a),
                _environments.ToPlay[i], _actions[i], result.RootValues[i], result.Weights(i));
        }
        _environments.Step(_actions, _rewards, _terminated, _truncated);
        for (int i = 0; i < b; i++)
        {
            _games[i].SetLastReward(_rewards[i]);
            bool ended = _terminated[i] || _truncated[i];
            if (!ended && _config.MaxEpisodeSteps is int cap && _games[i].Length >= cap)
            {
                // The step cap cuts the episode as a time limit would: a truncation, its value bootstrapped.
                _truncated[i] = true;
                _environments.StartNextEpisode(i);
                ended = true;
            }
            if (ended)
            {
                _games[i].Finish(_terminated[i], _truncated[i]);
                onGameFinished(_games[i]);
                _games[i] = NewGame();
                _stack?.Start(i, CurrentObservation(i));
            }
            else
            {
                _stack?.Push(i, _actions[i], CurrentObservation(i));
            }
        }
        return b;
    }

    /// <summary>
    /// Writes each game's carried state as its current episode began (<see cref="VectorEnvironment.CarriedStatesAtEpisodeStart"/>:
    /// MinAtar's sticky last action), which <see cref="ReadState"/> needs to replay the episode exactly. Kept apart from
    /// <see cref="WriteState"/> so checkpoints written before it existed still load.
    /// </summary>
    public void WriteCarriedStates(BinaryWriter writer)
    {
        writer.Write(_games.Length);
        foreach (int state in _environments.CarriedStatesAtEpisodeStart) writer.Write(state);
    }

    /// <summary>Reads what <see cref="WriteCarriedStates"/> wrote; call it before <see cref="ReadState"/>, which uses it (absent: 0 for every game).</summary>
    /// <exception cref="InvalidDataException">The data is for another number of games.</exception>
    public void ReadCarriedStates(BinaryReader reader)
    {
        int count = reader.ReadInt32();
        if (count != _games.Length) throw new InvalidDataException($"saved carried states of {count} games, the config's self_play.parallel_games is {_games.Length}");
        var states = new int[count];
        for (int i = 0; i < count; i++) states[i] = reader.ReadInt32();
        _restoredCarriedStates = states;
    }

    private GameHistory NewGame() => new(Spec.ObservationSize, Spec.ActionCount, Spec.BinaryObservations);

    private ReadOnlySpan<float> CurrentObservation(int game) => _environments.Observations.AsSpan(game * Spec.ObservationSize, Spec.ObservationSize);

    /// <summary>Rebuilds game <paramref name="i"/>'s history window from its recorded episode and its current observation.</summary>
    private void RestoreStack(int i)
    {
        if (_stack is null) return;
        var game = _games[i];
        if (game.Length == 0)
        {
            _stack.Start(i, CurrentObservation(i));
            return;
        }
        game.WriteObservation(0, _frame);
        _stack.Start(i, _frame);
        for (int t = 1; t < game.Length; t++)
        {
            game.WriteObservation(t, _frame);
            _stack.Push(i, game.Action(t - 1), _frame);
        }
        _stack.Push(i, game.Action(game.Length - 1), CurrentObservation(i));
    }

    /// <summary>Writes the unfinished games (the environments' base seed, each game's episode index and history so far).</summary>
    public void WriteState(BinaryWriter writer)
    {
        writer.Write(_environments.BaseSeed);
        writer.Write(_games.Length);
        for (int i = 0; i < _games.Length; i++)
        {
            writer.Write(_environments.EpisodeIndices[i]);
            _games[i].Write(writer);
        }
    }

    /// <summary>
    /// Continues the unfinished games written by <see cref="WriteState"/>: each environment replays its
    /// episode's recorded actions from the episode's seed (and carried state, <see cref="ReadCarriedStates"/>), so play
    /// goes on exactly as it would have.
    /// </summary>
    /// <exception cref="InvalidDataException">The state is of another game or number of games.</exception>
    public void ReadState(BinaryReader reader, int maxEpisodeLength)
    {
        ulong baseSeed = reader.ReadUInt64();
        int count = reader.ReadInt32();
        if (count != _games.Length) throw new InvalidDataException($"saved actor plays {count} games, the config's self_play.parallel_games is {_games.Length}");
        _environments = new VectorEnvironment(_factory, count, baseSeed);
        for (int i = 0; i < count; i++)
        {
            int episode = reader.ReadInt32();
            var game = GameHistory.Read(reader, Spec.ObservationSize, Spec.ActionCount, maxEpisodeLength, Spec.BinaryObservations);
            var actions = new int[game.Length];
            for (int t = 0; t < actions.Length; t++) actions[t] = game.Action(t);
            try
            {
                _environments.RestoreEpisode(i, episode, actions, _restoredCarriedStates?[i] ?? 0);
            }
            catch (InvalidOperationException e)
            {
                throw new InvalidDataException(e.Message, e);
            }
            _games[i] = game;
            RestoreStack(i);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _search.Dispose();
}
