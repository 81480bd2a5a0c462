using MuZero.Randomness;
using MuZero.Training.Evaluation;
using MuZero.Training.Evaluation.Ratings;

namespace MuZero.Training.Tests.Evaluation.Ratings;

/// <summary>
/// Round robins drawn from a known truth: each pair plays a number of games whose outcomes follow the Elo model with a
/// given draw rate (win p - d/2, draw d, loss 1 - p - d/2 for expected score p), for checking the rating fit.
/// </summary>
internal sealed class SimulatedTournament(double[] trueElo, double drawRate)
{
    /// <summary>The true ratings relative to <paramref name="anchor"/> (-1: their mean).</summary>
    public double TrueRating(int player, int anchor)
    {
        double zero = anchor < 0 ? trueElo.Average() : trueElo[anchor];
        return trueElo[player] - zero;
    }

    /// <summary>Players named p0, p1, ...</summary>
    public string[] Names { get; } = Enumerable.Range(0, trueElo.Length).Select(i => $"p{i}").ToArray();

    /// <summary>One round robin of <paramref name="gamesPerPair"/> games per pair.</summary>
    public PairwiseResults Play(int gamesPerPair, Xoshiro256 rng)
    {
        var results = new PairwiseResults(Names);
        for (int i = 0; i < trueElo.Length; i++)
            for (int j = i + 1; j < trueElo.Length; j++)
            {
                double p = EloDifference.ToScore(trueElo[i] - trueElo[j]);
                double d = Math.Min(drawRate, 2 * Math.Min(p, 1 - p));
                int w = 0, draws = 0, l = 0;
                for (int g = 0; g < gamesPerPair; g++)
                {
                    double u = rng.NextDouble();
                    if (u < p - d / 2) w++;
                    else if (u < p + d / 2) draws++;
                    else l++;
                }
                results.Add(i, j, new WinDrawLoss(w, draws, l));
            }
        return results;
    }
}
