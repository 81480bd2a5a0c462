using MuZero.Randomness;

namespace MuZero.Search;

/// <summary>
/// How a search policy acts at the root (mctx's <c>root_action_selection_fn</c>, plus the policy's final
/// decision): per-search exploration noise, the root action of every simulation, and after the last
/// simulation the action to play with the action weights to train the policy on.
/// </summary>
/// <remarks>
/// An instance belongs to one <see cref="BatchedMcts"/> (it may keep per-game state sized for the batch).
/// <see cref="Begin"/> and <see cref="Decide"/> run game by game in order on one thread (so random draws
/// come in a fixed order); <see cref="Select"/> runs on several threads at once for different games.
/// Only legal root actions (<see cref="SearchTree.RootLegalActions"/>) may be selected or decided.
/// </remarks>
public interface IRootActionSelection
{
    /// <summary>
    /// Called once per game after its root was initialized and before the first simulation: draws the
    /// game's exploration noise from <paramref name="rng"/> when <paramref name="addNoise"/> is true
    /// (MuZero: Dirichlet noise mixed into the root priors of the tree; Gumbel MuZero: one Gumbel variable
    /// per action) and resets any per-game state.
    /// </summary>
    void Begin(SearchTree tree, int game, bool addNoise, Xoshiro256 rng);

    /// <summary>The root action of simulation <paramref name="simulation"/> (0-based) of <paramref name="game"/>.</summary>
    /// <param name="tree">The search tree (read only).</param>
    /// <param name="game">Game index.</param>
    /// <param name="simulation">Simulations already done for this game (= the root's child visits).</param>
    /// <param name="q">The root's Q values as written by the policy's <see cref="IQTransform"/> [A]; may be overwritten.</param>
    int Select(SearchTree tree, int game, int simulation, Span<double> q);

    /// <summary>
    /// After the last simulation: writes the action weights (the policy target, a distribution over the
    /// legal actions) of <paramref name="game"/> into <paramref name="actionWeights"/> [A] and returns the
    /// action to play.
    /// </summary>
    /// <param name="tree">The search tree (read only).</param>
    /// <param name="game">Game index.</param>
    /// <param name="visits">Visit counts of the root actions [A].</param>
    /// <param name="q">The root's Q values as written by the policy's <see cref="IQTransform"/> [A]; may be overwritten.</param>
    /// <param name="temperature">The caller's temperature for this game (MuZero samples N(a)^(1/T); rules that choose otherwise ignore it).</param>
    /// <param name="rng">Source of the sample (used only by rules that sample).</param>
    /// <param name="actionWeights">Destination [A].</param>
    int Decide(SearchTree tree, int game, ReadOnlySpan<int> visits, Span<double> q, double temperature, Xoshiro256 rng, Span<float> actionWeights);
}
