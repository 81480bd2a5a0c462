namespace MuZero.Search.Policies;

/// <summary>
/// The visit schedule of sequential halving at the root of Gumbel MuZero (Danihelka et al., 2022, section 3.2;
/// Karnin et al., 2013): the budget of n simulations is split into ceil(log2 k) phases; a phase gives each of
/// the m actions still considered max(1, floor(n / (ceil(log2 k) m))) more visits, then keeps the better half
/// (at least 2), until the budget is spent (the last phase may be cut short, or repeat with 2 actions).
/// </summary>
public static class SequentialHalving
{
    /// <summary>
    /// For each simulation index i in [0, n): the visit count that the action visited by simulation i has
    /// before that visit. The root selection visits, among the considered actions whose visit count equals
    /// this target, the one with the best score. With k = 1 the one action is visited n times: 0, 1, ..., n - 1.
    /// </summary>
    /// <param name="consideredActions">k &gt;= 1, the actions considered at the start.</param>
    /// <param name="simulations">n &gt;= 0, the simulation budget.</param>
    /// <returns>The targets [n].</returns>
    public static int[] ConsideredVisits(int consideredActions, int simulations)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(consideredActions, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(simulations);
        var schedule = new int[simulations];
        if (consideredActions == 1)
        {
            for (int i = 0; i < simulations; i++) schedule[i] = i;
            return schedule;
        }
        int phases = CeilLog2(consideredActions);
        int remaining = consideredActions;
        int visitsEach = 0; // every action still considered has this many visits at the start of a round
        int next = 0;
        while (next < simulations)
        {
            int rounds = Math.Max(1, (int)(simulations / ((long)phases * remaining)));
            for (int round = 0; round < rounds && next < simulations; round++)
            {
                for (int j = 0; j < remaining && next < simulations; j++) schedule[next++] = visitsEach;
                visitsEach++;
            }
            remaining = Math.Max(2, remaining / 2);
        }
        return schedule;
    }

    /// <summary>ceil(log2 k) for k &gt;= 2.</summary>
    private static int CeilLog2(int k)
    {
        int bits = 0;
        while ((1L << bits) < k) bits++;
        return bits;
    }
}
