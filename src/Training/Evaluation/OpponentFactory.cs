using MuZero.Environments;

namespace MuZero.Training.Evaluation;

/// <summary>Creates the reference opponents by name.</summary>
public static class OpponentFactory
{
    /// <summary>Names accepted by <see cref="Create"/>.</summary>
    public static IReadOnlyList<string> Names { get; } = ["random", "perfect"];

    /// <summary><c>random</c> (any game) or <c>perfect</c> (minimax; TicTacToe only).</summary>
    public static IOpponent Create(string name, string environment, ulong seed) => name switch
    {
        "random" => new RandomOpponent(seed),
        "perfect" when environment == "tictactoe" => new PerfectTicTacToePlayer(seed),
        "perfect" => throw new ArgumentException($"--opponent perfect: no perfect player exists for '{environment}' (only tictactoe)"),
        _ => throw new ArgumentException($"--opponent '{name}': expected one of {string.Join(", ", Names)}"),
    };
}
