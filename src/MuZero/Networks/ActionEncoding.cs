namespace MuZero.Networks;

/// <summary>
/// How the residual network's dynamics g sees the action (<c>network.action_encoding</c>): as planes of the board's
/// size concatenated to the latent's channels.
/// </summary>
public enum ActionEncoding
{
    /// <summary>
    /// |A| planes, plane a all ones for action a, the others zero. Each action gets its own first-layer filters; the
    /// planes are constant, so they say which action but not where on the board it acts. For small action sets
    /// without a place on the board (MinAtar's 6 actions); 81 planes for Gomoku 9 x 9 would be mostly zeros.
    /// </summary>
    OneHotPlanes,

    /// <summary>One constant plane of a / |A| (the paper's Atari encoding): cheapest, but orders the actions arbitrarily.</summary>
    ScaledPlane,

    /// <summary>
    /// One plane with ones where the action acts: the cell a (row by row) when |A| = H x W (TicTacToe, Gomoku: the
    /// paper's encoding for Go), or the whole column a when |A| = W (Connect Four: the stone falls somewhere in that
    /// column). Spatial like the board, so the convolutions see the move where it happens.
    /// </summary>
    CellPlane,
}
