namespace MuZero.Search;

/// <summary>Which Q value pUCT uses for a child that has not been visited yet.</summary>
public enum UnvisitedValue
{
    /// <summary>Normalized Q = 0, i.e. the lowest value seen in the tree (the paper's pseudocode).</summary>
    Minimum,

    /// <summary>The parent's current mean value (normalized like any other Q); common in re-implementations.</summary>
    ParentValue,
}
