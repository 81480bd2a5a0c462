using MuZero.Environments;
using MuZero.Randomness;
using MuZero.Training.Observations;
using MuZero.Training.Replay;

namespace MuZero.Training.Learning;

/// <summary>
/// Maps every row of a sampled learner batch through one of the game's symmetries, drawn uniformly (identity
/// included): the observation's planes, the K unrolled actions and the K + 1 policy targets move together, values
/// and rewards stay. So a learner sees each stored position in all its equivalent orientations (8 on a square
/// board, 2 in Connect Four) without storing them, as AlphaZero did for Go. With history actions in the input
/// (<see cref="ObservationLayout"/>) the one-hot action planes of each frame move to the mapped actions' planes.
/// Reuses its two row buffers.
/// </summary>
public sealed class SymmetryAugmentation
{
    private readonly BoardSymmetry[] _symmetries;
    private readonly int _cells;
    private readonly int _framePlanes;
    private readonly int _actionPlaneGroups;
    private readonly float[] _observation;
    private readonly float[] _policy;

    /// <summary>Creates the augmentation for batches of inputs laid out as <paramref name="layout"/> says.</summary>
    /// <param name="symmetries">The game's symmetries (<see cref="IBoardGame.Symmetries"/>), identity first.</param>
    /// <param name="layout">The network input: frame planes of H x W cells, then (with history actions) |A| planes per frame.</param>
    /// <exception cref="ArgumentException">The symmetries disagree with each other or with the layout's planes and actions.</exception>
    public SymmetryAugmentation(IReadOnlyList<BoardSymmetry> symmetries, ObservationLayout layout)
    {
        ArgumentNullException.ThrowIfNull(symmetries);
        ArgumentNullException.ThrowIfNull(layout);
        int actionCount = layout.ActionCount;
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
        if (layout.PlaneSize != _cells || layout.FrameSize % _cells != 0)
            throw new ArgumentException($"the symmetries map {_cells} cells; the observation has frames of {layout.FrameSize} floats in planes of {layout.PlaneSize}", nameof(layout));
        _framePlanes = layout.Frames * (layout.FrameSize / _cells);
        _actionPlaneGroups = layout.HistoryActions ? layout.Frames : 0;
        _observation = new float[layout.InputSize];
        _policy = new float[actionCount];
    }

    /// <summary>Maps each row of <paramref name="batch"/>, in place, through a symmetry drawn uniformly from <paramref name="rng"/>.</summary>
    public void Apply(TrainingBatch batch, Xoshiro256 rng)
    {
        for (int row = 0; row < batch.Size; row++)
            Apply(batch, row, _symmetries[rng.NextInt(_symmetries.Length)]);
    }

    /// <summary>Maps row <paramref name="row"/> of <paramref name="batch"/> through <paramref name="symmetry"/>.</summary>
    public void Apply(TrainingBatch batch, int row, BoardSymmetry symmetry)
    {
        int o = batch.ObservationSize, a = batch.ActionCount, k = batch.UnrollSteps;
        var observation = batch.Observations.AsSpan(row * o, o); // [frame planes + action planes, H * W]
        observation.CopyTo(_observation);
        for (int plane = 0; plane < _framePlanes; plane++)
        {
            int start = plane * _cells;
            for (int cell = 0; cell < _cells; cell++)
                observation[start + symmetry.CellMap[cell]] = _observation[start + cell];
        }
        for (int group = 0; group < _actionPlaneGroups; group++)
        {
            int first = (_framePlanes + group * a) * _cells; // plane of action 0 into frame slot 'group'
            for (int action = 0; action < a; action++)
            {
                _observation.AsSpan(first + action * _cells, _cells)
                    .CopyTo(observation.Slice(first + symmetry.ActionMap[action] * _cells, _cells));
            }
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
