namespace MuZero.Environments;

/// <summary>
/// A game with a piece of state that <see cref="IEnvironment.Reset"/> keeps, so an episode is a function of its reset
/// seed, its actions <em>and</em> this value as the episode started: MinAtar's sticky last action, which the first
/// step of an episode may repeat. Whoever restores an episode by replaying it (<see cref="VectorEnvironment.RestoreEpisode"/>)
/// must set the value first.
/// </summary>
public interface IEpisodeCarryOver
{
    /// <summary>The state carried from one episode into the next (MinAtar: the last executed full-set action, 0..5).</summary>
    int CarriedState { get; set; }
}
