namespace MuZero.Training.Replay;

/// <summary>Binary sum tree over a fixed number of slots: O(log n) priority updates and proportional sampling.</summary>
public sealed class SumTree
{
    private readonly double[] _nodes; // [2 * leaves]; leaves start at index _leaves
    private readonly int _leaves;

    /// <summary>Creates a tree with at least <paramref name="capacity"/> slots, all of priority 0.</summary>
    public SumTree(int capacity)
    {
        if (capacity < 1) throw new ArgumentOutOfRangeException(nameof(capacity));
        Capacity = capacity;
        _leaves = 1;
        while (_leaves < capacity) _leaves <<= 1;
        _nodes = new double[2 * _leaves];
    }

    /// <summary>Number of usable slots.</summary>
    public int Capacity { get; }

    /// <summary>Sum of all priorities.</summary>
    public double Total => _nodes[1];

    /// <summary>Priority of <paramref name="slot"/>.</summary>
    public double this[int slot] => _nodes[_leaves + slot];

    /// <summary>Sets the priority of <paramref name="slot"/>.</summary>
    public void Set(int slot, double priority)
    {
        if ((uint)slot >= (uint)Capacity) throw new ArgumentOutOfRangeException(nameof(slot));
        if (!(priority >= 0) || double.IsInfinity(priority)) throw new ArgumentOutOfRangeException(nameof(priority), priority, "priority must be finite and >= 0");
        int i = _leaves + slot;
        _nodes[i] = priority;
        for (i >>= 1; i >= 1; i >>= 1) _nodes[i] = _nodes[2 * i] + _nodes[2 * i + 1];
    }

    /// <summary>The slot whose cumulative priority range contains <paramref name="mass"/> in [0, Total).</summary>
    public int Find(double mass)
    {
        int i = 1;
        while (i < _leaves)
        {
            int left = 2 * i;
            if (mass < _nodes[left] || _nodes[left + 1] <= 0) i = left;
            else
            {
                mass -= _nodes[left];
                i = left + 1;
            }
        }
        return Math.Min(i - _leaves, Capacity - 1);
    }
}
