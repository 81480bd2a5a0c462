namespace MuZero.Search;

/// <summary>
/// The Q values a node's action selection sees (mctx's <c>qtransform</c>): raw Q(s, a) = r + d V(child)
/// turned into the scale and completion a selection rule expects, for every action of one node at once.
/// </summary>
/// <remarks>
/// Called once per node on the descent path (never per edge) and once per game at the root after the
/// search, from several threads at once for different games: implementations keep no per-call state
/// outside the destination span, or keep it per game.
/// </remarks>
public interface IQTransform
{
    /// <summary>Writes the transformed Q of every action of <paramref name="node"/> of <paramref name="game"/> into <paramref name="q"/> [A].</summary>
    /// <param name="tree">The search tree (read only).</param>
    /// <param name="game">Game index b in [0, B).</param>
    /// <param name="node">Node index within the game (0: the root).</param>
    /// <param name="q">Destination [A]; every entry is written (illegal root actions included: their value is never used).</param>
    void Apply(SearchTree tree, int game, int node, Span<double> q);
}
