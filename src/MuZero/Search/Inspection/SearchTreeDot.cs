using System.Globalization;
using System.Text;

namespace MuZero.Search.Inspection;

/// <summary>
/// Writes one game's search tree in Graphviz DOT: a box per expanded node (visits N, mean value V, the network's own
/// value, and the reward of the edge into it), an arrow per expanded edge (action, prior P, Q = r + d V(child)), the
/// principal variation drawn bold. Values are from the point of view of the player to move at each node; Q from the
/// point of view of the player who chooses the edge.
/// </summary>
public static class SearchTreeDot
{
    /// <summary>Returns the DOT text of game <paramref name="game"/>'s tree.</summary>
    /// <param name="tree">A search's tree.</param>
    /// <param name="game">Which game of the batch.</param>
    /// <param name="actionLabel">Text for an action (e.g. a board game's move notation).</param>
    /// <param name="maxDepth">Nodes deeper than this (the root has depth 0) are left out.</param>
    /// <param name="minVisits">Nodes with fewer visits are left out (with their subtrees).</param>
    public static string Write(SearchTreeSnapshot tree, int game, Func<int, string> actionLabel, int maxDepth = int.MaxValue, int minVisits = 1)
    {
        ArgumentNullException.ThrowIfNull(tree);
        ArgumentNullException.ThrowIfNull(actionLabel);
        ArgumentOutOfRangeException.ThrowIfNegative(maxDepth);
        ArgumentOutOfRangeException.ThrowIfLessThan(minVisits, 1);

        var onPrincipalVariation = new HashSet<int>(PrincipalVariation.Nodes(tree, game));
        // Parents have smaller indices than their children, so one pass in index order knows each parent's fate.
        var depth = new int[tree.NodeCount];
        var shown = new bool[tree.NodeCount];
        var text = new StringBuilder();
        text.Append("digraph search {\n");
        text.Append("  node [shape=box, fontname=\"Helvetica\", fontsize=10];\n");
        text.Append("  edge [fontname=\"Helvetica\", fontsize=9];\n");
        for (int node = 0; node < tree.NodeCount; node++)
        {
            if (tree.Visits(game, node) < minVisits) continue;
            int parent = tree.Parent(game, node);
            if (node != 0)
            {
                if (parent == SearchTree.NoParent || !shown[parent]) continue;
                depth[node] = depth[parent] + 1;
                if (depth[node] > maxDepth) continue;
            }
            shown[node] = true;
            bool bold = onPrincipalVariation.Contains(node);
            text.Append("  n").Append(Number(node)).Append(" [label=\"");
            text.Append(node == 0 ? "root" : "node " + Number(node)).Append("\\n");
            text.Append("N=").Append(Number(tree.Visits(game, node)));
            text.Append(" V=").Append(Signed(tree.Value(game, node))).Append("\\n");
            text.Append("net V=").Append(Signed(tree.RawValue(game, node)));
            if (node != 0) text.Append(" r=").Append(Signed(tree.Reward(game, node)));
            text.Append('"').Append(bold ? ", penwidth=2" : "").Append("];\n");
            if (node == 0) continue;
            int action = tree.Action(game, node);
            text.Append("  n").Append(Number(parent)).Append(" -> n").Append(Number(node)).Append(" [label=\"");
            text.Append(Escape(actionLabel(action)));
            text.Append("\\nP=").Append(Fixed(tree.Priors(game, parent)[action]));
            text.Append(" Q=").Append(Signed(tree.Q(game, parent, action)));
            text.Append('"').Append(bold ? ", penwidth=2" : "").Append("];\n");
        }
        text.Append("}\n");
        return text.ToString();
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Fixed(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);

    private static string Signed(double value) => value.ToString("+0.000;-0.000;+0.000", CultureInfo.InvariantCulture);

    private static string Escape(string label) => label.Replace("\\", "\\\\").Replace("\"", "\\\"");
}
