namespace MuZero.Environments.Tests;

/// <summary>
/// A test that takes minutes (e.g. re-solving opening positions): reported as skipped, not passed, unless the environment
/// variable MUZERO_SLOW_TESTS is 1.
/// </summary>
public sealed class SlowFactAttribute : FactAttribute
{
    /// <summary>The variable that turns slow tests on.</summary>
    public const string Variable = "MUZERO_SLOW_TESTS";

    public SlowFactAttribute()
    {
        if (Environment.GetEnvironmentVariable(Variable) != "1") Skip = $"slow (minutes): run with {Variable}=1";
    }
}
