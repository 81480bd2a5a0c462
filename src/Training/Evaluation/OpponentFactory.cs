using MuZero.Environments;

namespace MuZero.Training.Evaluation;

/// <summary>
/// Creates reference opponents through <see cref="OpponentRegistry"/> (which holds the only list). Kept so that
/// <c>TrainingRun</c> builds unchanged; new code calls the registry.
/// </summary>
public static class OpponentFactory
{
    /// <summary>Names known to <see cref="OpponentRegistry"/>.</summary>
    public static IReadOnlyList<string> Names => OpponentRegistry.Names;

    /// <summary>See <see cref="OpponentRegistry.Create"/>.</summary>
    public static IOpponent Create(string name, string environment, ulong seed) => OpponentRegistry.Create(name, environment, seed);
}
