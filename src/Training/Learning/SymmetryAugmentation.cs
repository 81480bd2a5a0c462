using MuZero.Environments;
using MuZero.Randomness;
using MuZero.Training.Replay;

namespace MuZero.Training.Learning;

/// <summary>
/// Maps every row of a sampled learner batch through one of the game's symmetries, drawn uniformly (identity
/// included): the observation's planes, the K unrolled actions and the K + 1 policy targets move together, values
/// and rewards stay. So a learner sees each stored position in all its equivalent orientations (8 on a square
/// board, 2 in Connect Four) without storing them, as AlphaZero did for Go. Reuses its two row buffers.
/// </summary>
public sealed class SymmetryAugmentation
{
    private readonly BoardSymmetry[] _symmetries;
    private readonly int _cells;
    private readonly float[] _observation;
    private readonly float[] _policy;

    /// <summary>Creates the augmentation for batches of <paramref name="observationSize"/>-float inputs.</summary>
    /// <param name="symmetries">The game's symmetries (<see cref="IBoardGame.Symmetries"/>), identity first.</param>
    /// <param name="observationSize">O: floats per network input; a whole number of H x W planes.</param>
    /// <param name="actionCount">|A|.</param>
    /// <exception cref="ArgumentException">The symmetries disagree in size, or O is not a multiple of H x W.</exception>
    public SymmetryAugmentation(IReadOnlyList<BoardSymmetry> symmetries, int observationSize, int actionCount)
    {
        ArgumentNullException.ThrowIfNull(symmetries);
        if (symmetries.Count == 0) throw new ArgumentException("at least one symmetry is needed", nameof(symmetries));
        _symmetries = [.. symmetries];
        _cells = _symmetries[0].CellMap.Length;
        foreach (var symmetry in _symmetries)
        {
            if (symmetry.CellMap.Length != _cells || symmetry.ActionMap.Length != actionCount)
                throw new ArgumentException(
                    $"symmetry '{symmetry.Name}' maps {symmetry.CellMap.Length} cells and {symmetry.ActionMap.Length} actions; expected {_cells} and {actionCount}",
                    nameof(symmetries));
        }
        if (observationSize % _cells != 0)
            throw new ArgumentException($"observations of {observationSize} floats are not whole planes of {_cells} cells", nameof(observationSize));
        _observation = new float[observationSize];
        _policy = new float[actionCount];
    }

    /// <summary>How many symmetries rows are drawn from.</summary>
    public int Count => _symmetries.Length;

    /// <summary>Maps each row of <paramref name="batch"/> through a symmetry drawn from <paramref name="rng"/>; returns nothing, changes the batch in place.</summary>
    public void Apply(TrainingBatch batch, Xoshiro256 rng)
    {
        for (int row = 0; row < batch.Size; row++)
            Apply(batch, row, _symmetries[rng.NextInt(_symmetries.Length)]);
    }

    /// <summary>Maps row <paramref name="row"/> of <paramref name="batch"/> through <paramref name="symmetry"/>.</summary>
    public void Apply(TrainingBatch batch, int row, BoardSymmetry symmetry)
    {
        int o = batch.ObservationSize, a = batch.ActionCount, k = batch.UnrollSteps;
        var observation = batch.Observations.AsSpan(row * o, o); // [planes * cells]
        observation.CopyTo(_observation);
        for (int plane = 0; plane < o; plane += _cells)
        {
            for (int cell = 0; cell < _cells; cell++)
                observation[plane + symmetry.CellMap[cell]] = _observation[plane + cell];
        }

        var actions = batch.Actions.AsSpan(row * k, k); // [K]
        for (int step = 0; step < k; step++) actions[step] = symmetry.ActionMap[actions[step]];

        for (int step = 0; step <= k; step++)
        {
            var policy = batch.PolicyTargets.AsSpan((row * (k + 1) + step) * a, a); // [A]
            policy.CopyTo(_policy);
            for (int action = 0; action < a; action++) policy[symmetry.ActionMap[action]] = _policy[action];
        }
    }
}
