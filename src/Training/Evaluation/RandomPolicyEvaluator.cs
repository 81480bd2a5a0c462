using MuZero.Environments;

namespace MuZero.Training.Evaluation;

/// <summary>
/// The baseline of a uniformly random policy in a single-player game: whole episodes, one after another in one
/// environment instance (so state that a game carries across episodes, like MinAtar's sticky action, carries as in
/// the original), episode e reset with <see cref="VectorEnvironment.EpisodeSeed"/>(seed, 0, e), and the actions drawn
/// from a generator seeded by the same seed. Equal seeds give equal returns.
/// </summary>
public static class RandomPolicyEvaluator
{
    /// <summary>What N random episodes returned, and their mean length in steps.</summary>
    /// <param name="Returns">Statistics of the undiscounted episode returns.</param>
    /// <param name="MeanSteps">Mean episode length.</param>
    public sealed record Result(ReturnStatistics Returns, double MeanSteps);

    /// <summary>Plays <paramref name="episodes"/> episodes of <paramref name="environment"/> with uniformly random legal actions.</summary>
    /// <exception cref="ArgumentException">The game has two players.</exception>
    public static Result Run(IEnvironment environment, int episodes, ulong seed, Action<int>? episodeDone = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(episodes);
        if (environment.Spec.IsTwoPlayer) throw new ArgumentException($"{environment.Spec.Name} is a two-player game; a random-policy return is for single-player games.", nameof(environment));
        var policy = new RandomOpponent(SplitMix64.Mix(seed ^ 0x5EED_0F_AC7105UL));
        var returns = new double[episodes];
        long steps = 0;
        for (int e = 0; e < episodes; e++)
        {
            environment.Reset(VectorEnvironment.EpisodeSeed(seed, 0, e));
            double total = 0;
            while (!environment.IsOver)
            {
                total += environment.Step(policy.SelectAction(environment)).Reward;
                steps++;
            }
            returns[e] = total;
            episodeDone?.Invoke(e + 1);
        }
        return new Result(ReturnStatistics.From(returns), steps / (double)episodes);
    }
}
