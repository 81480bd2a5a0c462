using MuZero.Environments;
using MuZero.Training.Observations;

namespace MuZero.Training.Evaluation;

/// <summary>Plays whole episodes with a <see cref="SearchAgent"/>, all of them at once so every move is one batched search.</summary>
public static class Evaluator
{
    /// <summary>
    /// The returns of <paramref name="episodes"/> greedy episodes, episode i reset with seed + i, all searched in one batch
    /// per move; each network input is the agent's <see cref="SearchAgent.Layout"/> of the episode so far. An episode
    /// still going after <paramref name="maxSteps"/> steps is cut there (counted in <see cref="SinglePlayerResult.TruncatedEpisodes"/>).
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was signalled; checked before every move.</exception>
    public static SinglePlayerResult SinglePlayer(SearchAgent agent, Func<IEnvironment> factory, int episodes, ulong seed, int? maxSteps = null,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(agent);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(episodes);
        var layout = agent.Layout;
        int o = layout.FrameSize, a = layout.ActionCount, size = layout.InputSize;
        var environments = new IEnvironment[episodes];
        var returns = new double[episodes];
        var steps = new int[episodes];
        var stack = layout.IsObservationOnly ? null : new ObservationStack(layout, episodes);
        var frame = new float[o];
        for (int i = 0; i < episodes; i++)
        {
            environments[i] = factory();
            environments[i].Reset(seed + (ulong)i);
            if (stack is null) continue;
            environments[i].WriteObservation(frame);
            stack.Start(i, frame);
        }
        var active = new List<int>(Enumerable.Range(0, episodes));
        var inputs = new float[episodes * size];
        var legal = new bool[episodes * a];
        var actions = new int[episodes];
        int truncated = 0;
        while (active.Count > 0)
        {
            cancellation.ThrowIfCancellationRequested();
            for (int j = 0; j < active.Count; j++)
            {
                var environment = environments[active[j]];
                var input = inputs.AsSpan(j * size, size);
                if (stack is null) environment.WriteObservation(input);
                else stack.Write(active[j], input);
                environment.WriteLegalActions(legal.AsSpan(j * a, a));
            }
            agent.SelectActions(inputs.AsSpan(0, active.Count * size), legal.AsSpan(0, active.Count * a), actions.AsSpan(0, active.Count));
            for (int j = 0; j < active.Count; j++)
            {
                int i = active[j];
                returns[i] += environments[i].Step(actions[j]).Reward;
                steps[i]++;
                if (environments[i].IsOver) continue;
                if (steps[i] >= maxSteps)
                {
                    truncated++;
                    continue;
                }
                if (stack is null) continue;
                environments[i].WriteObservation(frame);
                stack.Push(i, actions[j], frame);
            }
            active.RemoveAll(i => environments[i].IsOver || steps[i] >= maxSteps);
        }
        return SinglePlayerResult.From(returns, truncated);
    }

    /// <summary>
    /// <paramref name="games"/> games against <paramref name="opponent"/>, all in one lockstep batch: the agent moves
    /// first in the even-numbered games and second in the odd-numbered ones.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was signalled; checked before every round of moves.</exception>
    public static TwoPlayerResult TwoPlayer(SearchAgent agent, Func<IEnvironment> factory, IOpponent opponent, int games, ulong seed,
        CancellationToken cancellation = default) =>
        TwoPlayer(agent, new OpponentPlayer(opponent), opponent.Name, factory, games, seed, parallelGames: games, cancellation: cancellation);

    /// <summary>
    /// A match of <paramref name="games"/> games between <paramref name="agent"/> and <paramref name="opponent"/>,
    /// counted from the agent's side. The agent moves first in the even-numbered games and second in the odd-numbered
    /// ones; game g is reset with seed + g. At most <paramref name="parallelGames"/> games are in play at once, and each
    /// finished game's slot takes the next game, so both players search up to that many positions per call while the
    /// match progresses steadily. <paramref name="progress"/> receives the running result after every round of moves
    /// in which a game ended. <paramref name="opening"/>, when given, is called with each game's environment and game
    /// index right after the reset, and may play moves into it (an opening) that must leave the game undecided.
    /// </summary>
    /// <remarks>
    /// Each round, the opponent moves in every game where it is to move (one batch, in slot order), then the agent in
    /// every game where it was to move before that (one batch). With <paramref name="parallelGames"/> >= games this is
    /// the same sequence of calls as the training run's evaluation, so a seeded opponent draws the same moves.
    /// </remarks>
    /// <exception cref="ArgumentException"><paramref name="games"/> or <paramref name="parallelGames"/> is below 1.</exception>
    /// <exception cref="InvalidOperationException"><paramref name="opening"/> ended a game.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was signalled; checked before every round of moves.</exception>
    public static TwoPlayerResult TwoPlayer(IPlayer agent, IPlayer opponent, string opponentName, Func<IEnvironment> factory, int games, ulong seed,
        int parallelGames, Action<TwoPlayerResult>? progress = null, Action<IEnvironment, int>? opening = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(agent);
        ArgumentNullException.ThrowIfNull(opponent);
        if (games < 1) throw new ArgumentException($"a match needs at least one game, got {games}", nameof(games));
        if (parallelGames < 1) throw new ArgumentException($"parallel games must be >= 1, got {parallelGames}", nameof(parallelGames));
        int slots = Math.Min(parallelGames, games);
        var environments = new IEnvironment[slots];
        var gameInSlot = new int[slots]; // the game index a slot plays, -1 once no game is left for it
        var winner = new int[slots];     // -1 draw / not decided, else the winning player
        int nextGame = 0;
        for (int s = 0; s < slots; s++)
        {
            environments[s] = factory();
            Start(s);
        }
        WinDrawLoss asFirst = default, asSecond = default;
        var agentSlots = new List<int>(slots);
        var opponentSlots = new List<int>(slots);
        var batch = new List<IEnvironment>(slots);
        var actions = new int[slots];
        while (true)
        {
            cancellation.ThrowIfCancellationRequested();
            agentSlots.Clear();
            opponentSlots.Clear();
            for (int s = 0; s < slots; s++)
            {
                if (gameInSlot[s] < 0) continue;
                (environments[s].ToPlay == AgentSeat(gameInSlot[s]) ? agentSlots : opponentSlots).Add(s);
            }
            if (agentSlots.Count + opponentSlots.Count == 0) break;
            bool ended = Move(opponent, opponentSlots);
            ended |= Move(agent, agentSlots);
            if (ended) progress?.Invoke(new TwoPlayerResult(opponentName, asFirst, asSecond));
        }
        return new TwoPlayerResult(opponentName, asFirst, asSecond);

        static int AgentSeat(int game) => game % 2;

        void Start(int s)
        {
            if (nextGame == games)
            {
                gameInSlot[s] = -1;
                return;
            }
            gameInSlot[s] = nextGame;
            environments[s].Reset(seed + (ulong)nextGame);
            if (opening is not null)
            {
                opening(environments[s], nextGame);
                if (environments[s].IsOver) throw new InvalidOperationException($"the opening of game {nextGame} ended the game");
            }
            winner[s] = -1;
            nextGame++;
        }

        // Plays one batched move of `player` in `moving`; true when a game ended (its slot then starts the next game).
        bool Move(IPlayer player, List<int> moving)
        {
            if (moving.Count == 0) return false;
            batch.Clear();
            foreach (int s in moving) batch.Add(environments[s]);
            player.SelectActions(batch, actions);
            bool ended = false;
            for (int j = 0; j < moving.Count; j++)
            {
                int s = moving[j];
                var environment = environments[s];
                int mover = environment.ToPlay;
                var step = environment.Step(actions[j]);
                if (step.Reward > 0) winner[s] = mover;
                else if (step.Reward < 0) winner[s] = 1 - mover;
                if (!environment.IsOver) continue;
                int seat = AgentSeat(gameInSlot[s]);
                var outcome = winner[s] < 0 ? new WinDrawLoss(0, 1, 0) : winner[s] == seat ? new WinDrawLoss(1, 0, 0) : new WinDrawLoss(0, 0, 1);
                if (seat == 0) asFirst += outcome;
                else asSecond += outcome;
                ended = true;
                Start(s);
            }
            return ended;
        }
    }
}
