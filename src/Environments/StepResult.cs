namespace MuZero.Environments;

/// <summary>Outcome of one environment step.</summary>
/// <param name="Reward">Reward for the player who just moved (single-agent: the agent).</param>
/// <param name="Terminated">The episode reached a terminal state (pole fell, game won or drawn).</param>
/// <param name="Truncated">The episode was cut by the step limit in a non-terminal state.</param>
public readonly record struct StepResult(float Reward, bool Terminated, bool Truncated)
{
    /// <summary>The episode is over, for either reason.</summary>
    public bool Done => Terminated || Truncated;
}
