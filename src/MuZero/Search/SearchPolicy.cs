namespace MuZero.Search;

/// <summary>
/// A search policy (mctx's <c>muzero_policy</c>, <c>gumbel_muzero_policy</c>): the composition of a root
/// action selection, an interior action selection and a Q transform that <see cref="BatchedMcts"/> runs.
/// The root selection also makes the policy's final decision (the action to play and the action weights).
/// </summary>
/// <remarks>
/// A new policy is usually one small class implementing one of the three interfaces, composed with
/// existing ones here and registered by name in <see cref="SearchPolicyRegistry"/>. A policy instance
/// belongs to one <see cref="BatchedMcts"/>: its components may keep per-game state sized for the batch.
/// </remarks>
/// <param name="Name">The policy's name (as in <see cref="SearchConfig.Policy"/>).</param>
/// <param name="RootSelection">Root noise, root action of each simulation and the final decision.</param>
/// <param name="InteriorSelection">Action choice below the root.</param>
/// <param name="QTransform">The Q values both selections see.</param>
public sealed record SearchPolicy(
    string Name,
    IRootActionSelection RootSelection,
    IInteriorActionSelection InteriorSelection,
    IQTransform QTransform);
