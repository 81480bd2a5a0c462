using System.Numerics;

namespace MuZero.Training.Replay;

/// <summary>Binary sum tree over a fixed number of slots: O(log n) priority updates and proportional sampling.</summary>
public sealed class SumTree
{
    private readonly double[] _nodes; // [2 * leaves]; leaves start at index _leaves
    private readonly int _leaves;

    /// <summary>
    /// Most slots a tree can have: the leaves are rounded up to a power of two and the node array holds twice as
    /// many, which must stay below .NET's array length limit (2^31 - 57), so 2^29 leaves (8 GiB of nodes) is the top.
    /// </summary>
    public const int MaxCapacity = 1 << 29;

    /// <summary>Creates a tree with <paramref name="capacity"/> slots (1 to <see cref="MaxCapacity"/>), all of priority 0.</summary>
    public SumTree(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(capacity, MaxCapacity);
        Capacity = capacity;
        _leaves = (int)BitOperations.RoundUpToPowerOf2((uint)capacity);
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
