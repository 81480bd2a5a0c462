namespace MuZero.Environments;

/// <summary>
/// B copies of one game stepped in lockstep, with preallocated batch buffers for observations,
/// legal actions and players to move. Games that end are reported and then reset automatically,
/// so the buffers always describe live positions. Every reset of game i draws the seed
/// <see cref="EpisodeSeed"/>(base seed, i, episode index), so runs with equal seeds are identical.
/// </summary>
public sealed class VectorEnvironment
{
    private readonly IEnvironment[] _games;
    private readonly int[] _episodeIndices;
    private readonly int[] _carriedAtStart;
    private readonly int _observationSize;
    private readonly int _actionCount;

    /// <summary>Creates <paramref name="count"/> games with <paramref name="factory"/> and starts episode 0 of each.</summary>
    /// <exception cref="ArgumentException">The factory returns null or games with different specs.</exception>
    public VectorEnvironment(Func<IEnvironment> factory, int count, ulong baseSeed)
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        _games = new IEnvironment[count];
        for (int i = 0; i < count; i++)
        {
            _games[i] = factory() ?? throw new ArgumentException("The environment factory returned null.", nameof(factory));
        }
        Spec = _games[0].Spec;
        foreach (var game in _games)
        {
            var spec = game.Spec;
            // Records compare the shape array by reference, so compare the parts that matter.
            if (spec.Name != Spec.Name || spec.ObservationSize != Spec.ObservationSize || spec.ActionCount != Spec.ActionCount || spec.PlayerCount != Spec.PlayerCount)
                throw new ArgumentException($"The factory created both '{Spec.Name}' and '{spec.Name}' games; all games must share one spec.", nameof(factory));
        }

        BaseSeed = baseSeed;
        _observationSize = Spec.ObservationSize;
        _actionCount = Spec.ActionCount;
        _episodeIndices = new int[count];
        _carriedAtStart = new int[count];
        EpisodeSteps = new int[count];
        Observations = new float[count * _observationSize];
        LegalActions = new bool[count * _actionCount];
        ToPlay = new int[count];
        for (int i = 0; i < count; i++) StartEpisode(i);
    }

    /// <summary>The shared spec of the games.</summary>
    public EnvironmentSpec Spec { get; }

    /// <summary>Number of games B.</summary>
    public int Count => _games.Length;

    /// <summary>Seed from which every episode seed is derived.</summary>
    public ulong BaseSeed { get; }

    /// <summary>Current observations, [B, ObservationSize] row-major. Rewritten by <see cref="Step"/> and <see cref="ResetAll"/>.</summary>
    public float[] Observations { get; }

    /// <summary>Current legal-action masks, [B, ActionCount] row-major.</summary>
    public bool[] LegalActions { get; }

    /// <summary>Player to move in each game, [B].</summary>
    public int[] ToPlay { get; }

    /// <summary>Steps taken so far in each game's current episode, [B] (0 right after a reset).</summary>
    public int[] EpisodeSteps { get; }

    /// <summary>Index of each game's current episode, [B]: 0 for the first, +1 on every reset.</summary>
    public ReadOnlySpan<int> EpisodeIndices => _episodeIndices;

    /// <summary>
    /// Each game's <see cref="IEpisodeCarryOver.CarriedState"/> as its current episode started, [B] (0 for games
    /// without one): with the episode's seed and actions, what <see cref="RestoreEpisode"/> needs to rebuild it.
    /// </summary>
    public ReadOnlySpan<int> CarriedStatesAtEpisodeStart => _carriedAtStart;

    /// <summary>Game <paramref name="index"/> itself; stepping it directly desynchronises the buffers.</summary>
    public IEnvironment this[int index] => _games[index];

    /// <summary>
    /// The reset seed of episode <paramref name="episode"/> of game <paramref name="game"/>. Distinct for
    /// distinct (game, episode) pairs under one base seed: the pair is packed into 64 bits and mixed by a bijection.
    /// </summary>
    public static ulong EpisodeSeed(ulong baseSeed, int game, int episode)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(game);
        ArgumentOutOfRangeException.ThrowIfNegative(episode);
        ulong pair = ((ulong)(uint)game << 32) | (uint)episode;
        return SplitMix64.Mix(SplitMix64.Mix(baseSeed) ^ pair);
    }

    /// <summary>Abandons every current episode and starts the next one in each game.</summary>
    public void ResetAll()
    {
        for (int i = 0; i < _games.Length; i++)
        {
            _episodeIndices[i]++;
            StartEpisode(i);
        }
    }

    /// <summary>Abandons game <paramref name="game"/>'s current episode and starts its next one (e.g. an episode cut at a step limit).</summary>
    public void StartNextEpisode(int game)
    {
        _episodeIndices[game]++;
        StartEpisode(game);
    }

    /// <summary>
    /// Plays <paramref name="actions"/>[i] in game i and reports its reward and ending. Games that ended are
    /// reset to their next episode before the buffers are refreshed. All actions are checked before any game
    /// moves, so an illegal action leaves every game untouched.
    /// </summary>
    /// <exception cref="IllegalActionException">Some action is illegal in its game.</exception>
    public void Step(ReadOnlySpan<int> actions, Span<float> rewards, Span<bool> terminated, Span<bool> truncated)
    {
        int count = _games.Length;
        if (actions.Length != count || rewards.Length != count || terminated.Length != count || truncated.Length != count)
            throw new ArgumentException($"Step needs {count} actions, rewards, terminated and truncated flags; got {actions.Length}, {rewards.Length}, {terminated.Length}, {truncated.Length}.");
        for (int i = 0; i < count; i++)
        {
            if (!_games[i].IsLegal(actions[i]))
                throw new IllegalActionException($"Action {actions[i]} is illegal in game {i} of the '{Spec.Name}' batch.");
        }

        for (int i = 0; i < count; i++)
        {
            var result = _games[i].Step(actions[i]);
            rewards[i] = result.Reward;
            terminated[i] = result.Terminated;
            truncated[i] = result.Truncated;
            if (result.Done)
            {
                _episodeIndices[i]++;
                StartEpisode(i);
            }
            else
            {
                EpisodeSteps[i]++;
                RefreshBuffers(i);
            }
        }
    }

    /// <summary>
    /// Puts game <paramref name="game"/> back into episode <paramref name="episode"/> after
    /// <paramref name="actions"/>, by resetting it with that episode's seed and replaying the actions (a game
    /// is a deterministic function of its reset seed, its actions and, for an <see cref="IEpisodeCarryOver"/> game,
    /// <paramref name="carriedState"/>, the value of <see cref="CarriedStatesAtEpisodeStart"/> when the episode was saved),
    /// so an interrupted run continues its unfinished games exactly.
    /// </summary>
    /// <exception cref="InvalidOperationException">The replayed actions end the episode early or are illegal (the game is not deterministic).</exception>
    public void RestoreEpisode(int game, int episode, ReadOnlySpan<int> actions, int carriedState = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(episode);
        _episodeIndices[game] = episode;
        var environment = _games[game];
        environment.Reset(EpisodeSeed(BaseSeed, game, episode));
        if (environment is IEpisodeCarryOver carrying) carrying.CarriedState = carriedState;
        _carriedAtStart[game] = carriedState;
        for (int t = 0; t < actions.Length; t++)
        {
            if (environment.IsOver || !environment.IsLegal(actions[t]))
                throw new InvalidOperationException($"replaying episode {episode} of game {game} of '{Spec.Name}' failed at step {t}: the game is not a deterministic function of its seed and actions");
            environment.Step(actions[t]);
        }
        if (environment.IsOver)
            throw new InvalidOperationException($"replaying episode {episode} of game {game} of '{Spec.Name}' ended it, but it was still running when saved");
        EpisodeSteps[game] = actions.Length;
        RefreshBuffers(game);
    }

    private void StartEpisode(int game)
    {
        var environment = _games[game];
        environment.Reset(EpisodeSeed(BaseSeed, game, _episodeIndices[game]));
        _carriedAtStart[game] = environment is IEpisodeCarryOver carrying ? carrying.CarriedState : 0;
        EpisodeSteps[game] = 0;
        RefreshBuffers(game);
    }

    private void RefreshBuffers(int game)
    {
        var environment = _games[game];
        environment.WriteObservation(Observations.AsSpan(game * _observationSize, _observationSize));
        environment.WriteLegalActions(LegalActions.AsSpan(game * _actionCount, _actionCount));
        ToPlay[game] = environment.ToPlay;
    }
}
