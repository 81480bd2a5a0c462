namespace MuZero.Search;

/// <summary>
/// How a search policy chooses an action below the root (mctx's <c>interior_action_selection_fn</c>).
/// Called once per interior node on the descent path, from several threads at once for different games,
/// so implementations are stateless or keep state per game.
/// </summary>
public interface IInteriorActionSelection
{
    /// <summary>The action to descend along from <paramref name="node"/> of <paramref name="game"/>.</summary>
    /// <param name="tree">The search tree (read only).</param>
    /// <param name="game">Game index.</param>
    /// <param name="node">Node index within the game (never the root).</param>
    /// <param name="depth">Depth of <paramref name="node"/> (the root's children have depth 1).</param>
    /// <param name="q">The node's Q values as written by the policy's <see cref="IQTransform"/> [A]; may be overwritten.</param>
    int Select(SearchTree tree, int game, int node, int depth, Span<double> q);
}
