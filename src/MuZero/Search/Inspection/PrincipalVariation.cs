namespace MuZero.Search.Inspection;

/// <summary>The line a search expects: from the root, the most visited child at every step.</summary>
public static class PrincipalVariation
{
    /// <summary>
    /// Nodes of the principal variation of <paramref name="game"/>, root first: at each node the child with the most
    /// visits (ties to the lowest action), until a node without children.
    /// </summary>
    public static IReadOnlyList<int> Nodes(SearchTreeSnapshot tree, int game)
    {
        ArgumentNullException.ThrowIfNull(tree);
        var nodes = new List<int> { 0 };
        int node = 0;
        while (true)
        {
            int best = SearchTree.NoChild;
            int bestVisits = 0;
            ReadOnlySpan<int> children = tree.Children(game, node);
            for (int a = 0; a < children.Length; a++)
            {
                int child = children[a];
                if (child == SearchTree.NoChild) continue;
                int visits = tree.Visits(game, child);
                if (visits > bestVisits)
                {
                    best = child;
                    bestVisits = visits;
                }
            }
            if (best == SearchTree.NoChild) return nodes;
            nodes.Add(best);
            node = best;
        }
    }

    /// <summary>The actions along <see cref="Nodes"/> (one fewer than the nodes).</summary>
    public static IReadOnlyList<int> Actions(SearchTreeSnapshot tree, int game)
    {
        IReadOnlyList<int> nodes = Nodes(tree, game);
        var actions = new int[nodes.Count - 1];
        for (int i = 1; i < nodes.Count; i++) actions[i - 1] = tree.Action(game, nodes[i]);
        return actions;
    }
}
