namespace MuZero.Search.Policies;

/// <summary>MuZero below the root: the pUCT argmax over every action (<see cref="Puct"/>).</summary>
/// <param name="pbCInit">pUCT c1.</param>
/// <param name="pbCBase">pUCT c2.</param>
public sealed class PuctInteriorActionSelection(double pbCInit, double pbCBase) : IInteriorActionSelection
{
    /// <summary>pUCT c1.</summary>
    public double PbCInit => pbCInit;

    /// <summary>pUCT c2.</summary>
    public double PbCBase => pbCBase;

    /// <inheritdoc />
    public int Select(SearchTree tree, int game, int node, int depth, Span<double> q) =>
        Puct.Select(tree, game, node, q, default, pbCInit, pbCBase);
}
