namespace MuZero.Environments;

/// <summary>What <see cref="ConnectFourSolver"/> computes.</summary>
public enum ConnectFourSolveMode
{
    /// <summary>The exact score: sign for the outcome, magnitude for how soon it comes (see <see cref="ConnectFourSolver"/>).</summary>
    Strong,

    /// <summary>Only the outcome: +1 win, 0 draw, -1 loss for the player to move; much faster than <see cref="Strong"/>.</summary>
    Weak,
}
