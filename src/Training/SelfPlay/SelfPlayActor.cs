using MuZero.Environments;
using MuZero.Randomness;
using MuZero.Search;
using MuZero.Training.Checkpoints;
using MuZero.Training.Configuration;
using MuZero.Training.Replay;
using TorchSharp;
using static TorchSharp.torch;

namespace MuZero.Training.SelfPlay;

/// <summary>
/// The actor: B games in lockstep, one batched search per move for all of them, actions sampled
/// from the visit counts with the scheduled temperature, each finished game handed over as a
/// <see cref="GameHistory"/>.
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
    private readonly long[] _observationShape;
    private readonly int[] _actions;
    private readonly float[] _rewards;
    private readonly bool[] _terminated;
    private readonly bool[] _truncated;
    private readonly float[] _policy;

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
        _observationShape = [b, .. Spec.ObservationShape.Select(d => (long)d)];
        _games = new GameHistory[b];
        for (int i = 0; i < b; i++) _games[i] = new GameHistory(Spec.ObservationSize, Spec.ActionCount);
        _actions = new int[b];
        _rewards = new float[b];
        _terminated = new bool[b];
        _truncated = new bool[b];
        _policy = new float[Spec.ActionCount];
    }

    /// <summary>The game being played.</summary>
    public EnvironmentSpec Spec { get; }

    /// <summary>The search (its timing split is read by benchmarks).</summary>
    public BatchedMcts Search => _search;

    /// <summary>Root values and visit entropies of the searches played since the owner last cleared them.</summary>
    public SearchStatistics SearchStatistics { get; } = new();

    /// <summary>Plays one move in every game; returns the number of environment steps taken (B).</summary>
    public int Step(long trainingStep, Action<GameHistory> onGameFinished)
    {
        int b = _games.Length, a = Spec.ActionCount, o = Spec.ObservationSize;
        SearchResult result;
        using (var observations = tensor(_environments.Observations, _observationShape)) // [B, *obs]
        using (var onDevice = observations.to(_model.Device))
        {
            result = _search.Run(_model, onDevice, _environments.LegalActions, addNoise: true, _rng);
        }
        for (int i = 0; i < b; i++)
        {
            var visits = result.VisitCounts.AsSpan(i * a, a);
            double temperature = _config.TemperatureAt(trainingStep, _games[i].Length);
            _actions[i] = ActionSelection.SelectAction(visits, temperature, _rng);
            result.Policy(i, _policy);
            SearchStatistics.Add(result.RootValues[i], _policy);
            _games[i].AddStep(_environments.Observations.AsSpan(i * o, o), _environments.LegalActions.AsSpan(i * a, a),
                _environments.ToPlay[i], _actions[i], result.RootValues[i], _policy);
        }
        _environments.Step(_actions, _rewards, _terminated, _truncated);
        for (int i = 0; i < b; i++)
        {
            _games[i].SetLastReward(_rewards[i]);
            if (!_terminated[i] && !_truncated[i]) continue;
            _games[i].Finish(_terminated[i], _truncated[i]);
            onGameFinished(_games[i]);
            _games[i] = new GameHistory(o, a);
        }
        return b;
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
    /// episode's recorded actions from the episode's seed, so play goes on exactly as it would have.
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
            var game = GameHistory.Read(reader, Spec.ObservationSize, Spec.ActionCount, maxEpisodeLength);
            var actions = new int[game.Length];
            for (int t = 0; t < actions.Length; t++) actions[t] = game.Action(t);
            try
            {
                _environments.RestoreEpisode(i, episode, actions);
            }
            catch (InvalidOperationException e)
            {
                throw new InvalidDataException(e.Message, e);
            }
            _games[i] = game;
        }
    }

    /// <inheritdoc />
    public void Dispose() => _search.Dispose();
}
