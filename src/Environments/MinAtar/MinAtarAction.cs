namespace MuZero.Environments.MinAtar;

/// <summary>
/// The full MinAtar action set: the same six indices in every game. A game that does not use an action plays it as a
/// no-op. With the minimal action set, the agent's index i means <see cref="MinAtarGame.ActionMap"/>[i] of these.
/// </summary>
public static class MinAtarAction
{
    /// <summary>Do nothing (<c>n</c>).</summary>
    public const int NoOp = 0;

    /// <summary>Move left (<c>l</c>).</summary>
    public const int Left = 1;

    /// <summary>Move up (<c>u</c>).</summary>
    public const int Up = 2;

    /// <summary>Move right (<c>r</c>).</summary>
    public const int Right = 3;

    /// <summary>Move down (<c>d</c>).</summary>
    public const int Down = 4;

    /// <summary>Fire (<c>f</c>).</summary>
    public const int Fire = 5;

    /// <summary>Number of actions in the full set.</summary>
    public const int Count = 6;
}
