namespace MuZero.Search.Policies;

/// <summary>
/// MuZero's Q transform (mctx's <c>qtransform_by_min_max</c>, with the min and max taken over the whole tree
/// of the game as in the paper's pseudocode): Q(s, a) = r + d V(child) normalized by the game's min-max
/// statistics (<see cref="SearchTree.Normalize"/>); an unexpanded edge gets 0 (the lowest value seen) or the
/// node's own normalized mean value, by <see cref="UnvisitedValue"/>.
/// </summary>
/// <param name="unvisitedValue">The Q of an unexpanded edge.</param>
public sealed class MinMaxQTransform(UnvisitedValue unvisitedValue) : IQTransform
{
    /// <summary>The Q of an unexpanded edge.</summary>
    public UnvisitedValue UnvisitedValue => unvisitedValue;

    /// <inheritdoc />
    public void Apply(SearchTree tree, int game, int node, Span<double> q)
    {
        int flat = tree.NodeIndex(game, node);
        int edge = tree.EdgeIndex(game, node);
        int offset = tree.NodeIndex(game, 0);
        int[] children = tree.Children;
        double discount = tree.Discount;
        double unvisitedQ = unvisitedValue == UnvisitedValue.ParentValue
            ? tree.Normalize(game, tree.MeanValue(flat))
            : 0.0;
        for (int a = 0; a < q.Length; a++)
        {
            int child = children[edge + a];
            if (child == SearchTree.NoChild)
            {
                q[a] = unvisitedQ;
            }
            else
            {
                int childFlat = offset + child;
                q[a] = tree.Normalize(game, tree.Reward[childFlat] + discount * tree.MeanValue(childFlat));
            }
        }
    }
}
