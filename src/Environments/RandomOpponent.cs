namespace MuZero.Environments;

/// <summary>Plays uniformly at random among the legal actions, from a seeded generator.</summary>
public sealed class RandomOpponent(ulong seed) : IOpponent
{
    private SplitMix64 _random = new(seed);

    /// <inheritdoc />
    public string Name => "random";

    /// <inheritdoc />
    public int SelectAction(IEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        int actionCount = environment.Spec.ActionCount;
        int legalCount = 0;
        for (int action = 0; action < actionCount; action++)
        {
            if (environment.IsLegal(action)) legalCount++;
        }
        if (legalCount == 0) throw new InvalidOperationException($"No legal action in '{environment.Spec.Name}': the episode is over.");

        // Two passes over IsLegal instead of a mask buffer keep this allocation-free for any action count.
        int chosen = _random.NextInt(legalCount);
        for (int action = 0; action < actionCount; action++)
        {
            if (environment.IsLegal(action) && chosen-- == 0) return action;
        }
        throw new InvalidOperationException("Unreachable: the legal actions changed while choosing.");
    }
}
