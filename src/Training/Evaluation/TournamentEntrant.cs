namespace MuZero.Training.Evaluation;

/// <summary>A player of a tournament as reports describe it.</summary>
/// <param name="Name">The short name used in tables and by <c>--anchor</c>.</param>
/// <param name="Spec">The player as the user wrote it: a reference opponent's spec or a checkpoint path.</param>
/// <param name="Checkpoint">The checkpoint file a saved agent was loaded from; null for a reference opponent.</param>
/// <param name="TrainingStep">The learner update of that checkpoint; null for a reference opponent.</param>
/// <param name="Simulations">A saved agent's simulations per move; null for a reference opponent.</param>
public sealed record TournamentEntrant(string Name, string Spec, string? Checkpoint, long? TrainingStep, int? Simulations);
