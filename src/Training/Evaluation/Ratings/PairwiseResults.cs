namespace MuZero.Training.Evaluation.Ratings;

/// <summary>
/// The games of a tournament as the rating fit reads them: for every pair of players, the wins, draws and losses of
/// the first against the second. Entry (i, j) and entry (j, i) are kept as mirror images, so adding a result once
/// records it from both sides.
/// </summary>
public sealed class PairwiseResults
{
    private readonly WinDrawLoss[,] _counts;

    /// <summary>Results of no games yet between the players named <paramref name="players"/> (distinct, at least two).</summary>
    /// <exception cref="ArgumentException">Fewer than two players, an empty name or a name given twice.</exception>
    public PairwiseResults(IReadOnlyList<string> players)
    {
        ArgumentNullException.ThrowIfNull(players);
        if (players.Count < 2) throw new ArgumentException($"a tournament needs at least two players, got {players.Count}", nameof(players));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string name in players)
        {
            if (string.IsNullOrEmpty(name)) throw new ArgumentException("a player needs a name", nameof(players));
            if (!seen.Add(name)) throw new ArgumentException($"player '{name}' is named twice", nameof(players));
        }
        Players = players.ToArray();
        _counts = new WinDrawLoss[Players.Count, Players.Count];
    }

    /// <summary>The players' names, in the order of their indices.</summary>
    public IReadOnlyList<string> Players { get; }

    /// <summary>Number of players.</summary>
    public int Count => Players.Count;

    /// <summary>The games between <paramref name="player"/> and <paramref name="opponent"/>, from <paramref name="player"/>'s side.</summary>
    public WinDrawLoss this[int player, int opponent] => _counts[player, opponent];

    /// <summary>All games of <paramref name="player"/>, from its side.</summary>
    public WinDrawLoss Total(int player)
    {
        WinDrawLoss total = default;
        for (int j = 0; j < Count; j++) total += _counts[player, j];
        return total;
    }

    /// <summary>The index of the player named <paramref name="name"/>; -1 when there is none.</summary>
    public int IndexOf(string name)
    {
        for (int i = 0; i < Count; i++)
            if (string.Equals(Players[i], name, StringComparison.Ordinal)) return i;
        return -1;
    }

    /// <summary>Records <paramref name="result"/>, games of <paramref name="player"/> against <paramref name="opponent"/> from <paramref name="player"/>'s side.</summary>
    /// <exception cref="ArgumentException">A player against itself, an index out of range, or a negative count.</exception>
    public void Add(int player, int opponent, WinDrawLoss result)
    {
        if ((uint)player >= (uint)Count) throw new ArgumentException($"player index {player} is outside 0..{Count - 1}", nameof(player));
        if ((uint)opponent >= (uint)Count) throw new ArgumentException($"player index {opponent} is outside 0..{Count - 1}", nameof(opponent));
        if (player == opponent) throw new ArgumentException($"player '{Players[player]}' cannot play itself", nameof(opponent));
        if (result.Wins < 0 || result.Draws < 0 || result.Losses < 0)
            throw new ArgumentException($"win/draw/loss counts must be >= 0, got {result.Wins}/{result.Draws}/{result.Losses}", nameof(result));
        _counts[player, opponent] += result;
        _counts[opponent, player] += result.Reversed();
    }
}
