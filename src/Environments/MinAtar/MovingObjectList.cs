namespace MuZero.Environments.MinAtar;

/// <summary>
/// The objects of one kind in a game, in the order they appeared (the order decides which of two objects in one
/// cell is hit first). Backed by an array that only grows when more objects are alive than ever before, so steady
/// play does not allocate.
/// </summary>
public sealed class MovingObjectList
{
    private MovingObject[] _items;

    /// <summary>An empty list with room for <paramref name="capacity"/> objects before it grows.</summary>
    public MovingObjectList(int capacity) => _items = new MovingObject[capacity];

    /// <summary>Objects alive.</summary>
    public int Count { get; private set; }

    /// <summary>The object at <paramref name="index"/>, by reference so it can be moved in place.</summary>
    public ref MovingObject this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(index), index, $"The list holds {Count} objects.");
            return ref _items[index];
        }
    }

    /// <summary>Appends <paramref name="item"/>.</summary>
    public void Add(in MovingObject item)
    {
        if (Count == _items.Length) Array.Resize(ref _items, _items.Length * 2);
        _items[Count++] = item;
    }

    /// <summary>Removes the object at <paramref name="index"/>, keeping the others in order.</summary>
    public void RemoveAt(int index)
    {
        if ((uint)index >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(index), index, $"The list holds {Count} objects.");
        Count--;
        if (index < Count) Array.Copy(_items, index + 1, _items, index, Count - index);
    }

    /// <summary>Index of the first object at (<paramref name="x"/>, <paramref name="y"/>), or -1.</summary>
    public int IndexAt(int x, int y)
    {
        for (int i = 0; i < Count; i++)
        {
            if (_items[i].X == x && _items[i].Y == y) return i;
        }
        return -1;
    }

    /// <summary>Removes every object.</summary>
    public void Clear() => Count = 0;
}
