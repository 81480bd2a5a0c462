using MuZero.Randomness;
using MuZero.Training.Checkpoints;
using MuZero.Training.Configuration;

namespace MuZero.Training.Replay;

/// <summary>
/// Prioritized replay of whole games. Positions occupy consecutive slots of a ring of
/// <see cref="ReplayConfig.CapacitySteps"/>; the oldest games are dropped whole when a new game needs
/// room. A position is sampled with probability p^alpha / sum p^alpha and weighted by (N P)^-beta,
/// normalized by the batch maximum. Priorities start at |v_search - z| and are refreshed by the learner.
/// Value targets z are computed when a batch is sampled, from the stored rewards and root values, so a root value
/// that reanalysis replaced (<see cref="GameHistory.ReplaceSearchStatistics"/>) is the bootstrap value from then on.
/// </summary>
public sealed class ReplayBuffer
{
    private const double PriorityEpsilon = 1e-4;

    private sealed record StoredGame(GameHistory Game, int FirstSlot);

    private readonly ReplayConfig _config;
    private readonly double _discount;
    private readonly bool _twoPlayer;
    private readonly double _signedDiscount; // d of ValueTargets: -discount between the plies of two-player games
    private readonly SumTree _priorities;
    private readonly StoredGame?[] _slotGame;
    private readonly int[] _slotStep;
    private readonly Queue<StoredGame> _games = new();
    private int _head;

    /// <summary>Creates an empty buffer.</summary>
    public ReplayBuffer(ReplayConfig config, double discount, bool twoPlayer)
    {
        _config = config;
        _discount = discount;
        _twoPlayer = twoPlayer;
        _signedDiscount = twoPlayer ? -discount : discount;
        _priorities = new SumTree(config.CapacitySteps);
        _slotGame = new StoredGame?[config.CapacitySteps];
        _slotStep = new int[config.CapacitySteps];
    }

    /// <summary>Positions currently stored.</summary>
    public int Steps { get; private set; }

    /// <summary>Games currently stored.</summary>
    public int Games => _games.Count;

    /// <summary>Games added since the buffer was created.</summary>
    public long GamesAdded { get; private set; }

    /// <summary>Positions added since the buffer was created.</summary>
    public long StepsAdded { get; private set; }

    /// <summary>n of the n-step value targets.</summary>
    public int TdSteps => _config.TdSteps;

    /// <summary>Adds a finished game with initial priorities |v_t - z_t|.</summary>
    public void Add(GameHistory game)
    {
        int length = game.Length;
        if (length == 0) return;
        if (length > _priorities.Capacity)
            throw new ArgumentException($"a game of {length} steps does not fit a replay buffer of {_priorities.Capacity} steps; raise replay.capacity_steps");
        while (Steps + length > _priorities.Capacity) Evict();

        var stored = new StoredGame(game, _head);
        for (int t = 0; t < length; t++)
        {
            int slot = (_head + t) % _priorities.Capacity;
            _slotGame[slot] = stored;
            _slotStep[slot] = t;
            _priorities.Set(slot, Scale(Math.Abs(game.RootValue(t) - ValueTarget(game, t))));
        }
        _head = (_head + length) % _priorities.Capacity;
        _games.Enqueue(stored);
        Steps += length;
        GamesAdded++;
        StepsAdded += length;
    }

    /// <summary>Sets new priorities |v - z| for sampled slots.</summary>
    public void UpdatePriorities(ReadOnlySpan<int> slots, ReadOnlySpan<float> priorities)
    {
        for (int i = 0; i < slots.Length; i++)
            if (_slotGame[slots[i]] is not null) _priorities.Set(slots[i], Scale(priorities[i]));
    }

    /// <summary>The game stored in <paramref name="slot"/> (e.g. of <see cref="TrainingBatch.Slots"/>) and the step of that position in it.</summary>
    /// <exception cref="ArgumentException">The slot holds no position.</exception>
    public (GameHistory Game, int Step) PositionAt(int slot)
    {
        var stored = (uint)slot < (uint)_slotGame.Length ? _slotGame[slot] : null;
        if (stored is null) throw new ArgumentException($"replay slot {slot} holds no position", nameof(slot));
        return (stored.Game, _slotStep[slot]);
    }

    /// <summary>Samples <see cref="TrainingBatch.Size"/> positions and writes their unroll targets into <paramref name="batch"/>.</summary>
    public void Sample(TrainingBatch batch, Xoshiro256 rng)
    {
        if (Steps == 0) throw new InvalidOperationException("cannot sample from an empty replay buffer");
        int k = batch.UnrollSteps, a = batch.ActionCount;
        double total = _priorities.Total;
        double maxWeight = 0;
        for (int n = 0; n < batch.Size; n++)
        {
            int slot = _priorities.Find(rng.NextDouble() * total);
            var game = _slotGame[slot]!.Game;
            int t = _slotStep[slot];
            batch.Slots[n] = slot;
            double probability = _priorities[slot] / total;
            double weight = _config.PriorityBeta == 0 ? 1 : Math.Pow(Steps * probability, -_config.PriorityBeta);
            batch.Weights[n] = (float)weight;
            maxWeight = Math.Max(maxWeight, weight);

            game.Observation(t).CopyTo(batch.Observations.AsSpan(n * batch.ObservationSize, batch.ObservationSize));
            WriteTargets(batch, n, game, t);
            // Past the episode's end the model learns from random actions (drawn in row order, after the slot).
            for (int step = 0; step < k; step++)
                batch.Actions[n * k + step] = t + step < game.Length ? game.Action(t + step) : rng.NextInt(a);
        }
        for (int n = 0; n < batch.Size; n++) batch.Weights[n] = (float)(batch.Weights[n] / maxWeight);
    }

    /// <summary>
    /// Writes the value, reward and policy targets of every position of <paramref name="batch"/> (sampled by
    /// <see cref="Sample"/>) again from its game as stored now: after reanalysis replaced search statistics.
    /// Observations, actions and weights stay as sampled.
    /// </summary>
    public void RewriteTargets(TrainingBatch batch)
    {
        for (int n = 0; n < batch.Size; n++)
        {
            var (game, t) = PositionAt(batch.Slots[n]);
            WriteTargets(batch, n, game, t);
        }
    }

    /// <summary>The targets of rows k = 0..K of position <paramref name="n"/> of <paramref name="batch"/>, step <paramref name="t"/> of <paramref name="game"/>.</summary>
    private void WriteTargets(TrainingBatch batch, int n, GameHistory game, int t)
    {
        int k = batch.UnrollSteps, a = batch.ActionCount;
        batch.RootValues[n] = game.RootValue(t);
        for (int step = 0; step <= k; step++)
        {
            int i = t + step;
            int row = n * (k + 1) + step;
            bool inside = i < game.Length;
            // Past a terminal state the model learns an absorbing state (value 0, reward 0). Past a
            // truncation the game would have gone on: the value at the cut is bootstrapped and later steps get no loss.
            bool atCut = i == game.Length && game.Truncated;
            batch.TargetMask[row] = inside || atCut || game.Terminated ? 1f : 0f;
            batch.ValueTargets[row] = inside ? ValueTarget(game, i) : atCut ? (float)ValueTargets.AfterTruncation(game, _discount, _twoPlayer) : 0f;
            batch.RewardTargets[row] = step > 0 && i - 1 < game.Length ? game.Reward(i - 1) : 0f;
            var policy = batch.PolicyTargets.AsSpan(row * a, a);
            if (inside) game.Policy(i).CopyTo(policy);
            else policy.Clear();
            batch.PolicyMask[row] = inside ? 1f : 0f;
        }
    }

    /// <summary>z_t from the game's rewards and root values as stored now (the float that <see cref="ValueTargets.Compute"/> writes).</summary>
    private float ValueTarget(GameHistory game, int t) => (float)ValueTargets.At(game, t, _config.TdSteps, _signedDiscount);

    /// <summary>
    /// Writes the buffer exactly (games in insertion order with their slots, every slot's current priority,
    /// counters, and each game's search statistics as reanalysis left them), so a resumed run samples what the
    /// uninterrupted run would.
    /// </summary>
    public void Write(BinaryWriter writer)
    {
        writer.Write(_priorities.Capacity);
        writer.Write(_head);
        writer.Write(GamesAdded);
        writer.Write(StepsAdded);
        writer.Write(_games.Count);
        foreach (var stored in _games)
        {
            writer.Write(stored.FirstSlot);
            stored.Game.Write(writer);
            for (int t = 0; t < stored.Game.Length; t++) writer.Write(_priorities[(stored.FirstSlot + t) % _priorities.Capacity]);
        }
    }

    /// <summary>Fills this empty buffer with the contents written by <see cref="Write"/>.</summary>
    /// <exception cref="InvalidDataException">The data does not fit this buffer (another capacity or game) or is inconsistent.</exception>
    public void Read(BinaryReader reader, int observationSize, int actionCount)
    {
        if (_games.Count != 0) throw new InvalidOperationException("the replay buffer must be empty to be restored");
        int capacity = reader.ReadInt32();
        if (capacity != _priorities.Capacity)
            throw new InvalidDataException($"saved replay holds {capacity} slots, the config's replay.capacity_steps is {_priorities.Capacity}");
        int head = reader.ReadInt32();
        long gamesAdded = reader.ReadInt64(), stepsAdded = reader.ReadInt64();
        int count = reader.ReadInt32();
        if (head < 0 || head >= capacity || count < 0 || count > capacity) throw new InvalidDataException($"replay head {head} or game count {count} out of range");
        for (int g = 0; g < count; g++)
        {
            int first = reader.ReadInt32();
            if (first < 0 || first >= capacity) throw new InvalidDataException($"replay game {g} starts at slot {first}, outside the {capacity} slots");
            var game = GameHistory.Read(reader, observationSize, actionCount, capacity - Steps);
            var stored = new StoredGame(game, first);
            for (int t = 0; t < game.Length; t++)
            {
                int slot = (first + t) % capacity;
                if (_slotGame[slot] is not null) throw new InvalidDataException($"replay slot {slot} is claimed by two games");
                _slotGame[slot] = stored;
                _slotStep[slot] = t;
                _priorities.Set(slot, reader.ReadDouble());
            }
            _games.Enqueue(stored);
            Steps += game.Length;
        }
        _head = head;
        GamesAdded = gamesAdded;
        StepsAdded = stepsAdded;
    }

    private double Scale(double priority) => _config.PriorityAlpha == 0 ? 1.0 : Math.Pow(priority + PriorityEpsilon, _config.PriorityAlpha);

    private void Evict()
    {
        var oldest = _games.Dequeue();
        for (int t = 0; t < oldest.Game.Length; t++)
        {
            int slot = (oldest.FirstSlot + t) % _priorities.Capacity;
            _priorities.Set(slot, 0);
            _slotGame[slot] = null;
        }
        Steps -= oldest.Game.Length;
    }
}
