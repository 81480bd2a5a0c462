using System.Diagnostics;
using System.Globalization;
using System.Text;
using MuZero.Training.Runs;

namespace MuZero.Cli.Progress;

/// <summary>
/// The status line of <c>muzero train</c>: updates done of this invocation's last, updates/s and environment steps/s
/// over the last 10 seconds, the time left at that rate, the recent self-play return (two-player: the share of
/// decisive games) and the latest evaluation. Reads the run's <see cref="LiveTrainingStatus"/>, so it never waits
/// for the training.
/// </summary>
internal sealed class TrainingProgressLine(LiveTrainingStatus status)
{
    private const double WindowSeconds = 10;
    private const double MinimumSpanSeconds = 1;
    private const int Samples = 64; // > WindowSeconds / LiveStatusLine.RefreshInterval, plus redraws after log lines

    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly SlidingRate _updates = new(WindowSeconds, MinimumSpanSeconds, Samples);
    private readonly SlidingRate _environmentSteps = new(WindowSeconds, MinimumSpanSeconds, Samples);
    private readonly Lock _gate = new();
    private TrainingPhase _phase = status.Phase;
    private double _phaseStart;

    /// <summary>The line for now.</summary>
    public string Render()
    {
        lock (_gate)
        {
            double now = _clock.Elapsed.TotalSeconds;
            var phase = status.Phase;
            if (phase != _phase)
            {
                // An evaluation stops updates and self-play: measure the rates again from the end of each phase.
                _updates.Clear();
                _environmentSteps.Clear();
                (_phase, _phaseStart) = (phase, now);
            }
            long updates = status.Updates, environmentSteps = status.EnvironmentSteps;
            long evaluationStep = status.EvaluationStep; // before the score: see LiveTrainingStatus.SetEvaluation
            return Format(new TrainingLineValues(
                phase, now - _phaseStart, updates, status.LastUpdate, _updates.Add(now, updates), _environmentSteps.Add(now, environmentSteps),
                status.ReplayPositions, status.MinReplayPositions, status.IsTwoPlayer, status.RecentReturn, evaluationStep, status.EvaluationScore));
        }
    }

    /// <summary>
    /// Formats the line, most important fields first (a narrow terminal drops the last ones), e.g.
    /// <c>update 1,200/20,000 (6%) | ETA 10m02s | return 45.3 | eval 500.0 @1,000 | 31.2 updates/s | 124 env steps/s</c>.
    /// </summary>
    internal static string Format(in TrainingLineValues v)
    {
        var c = CultureInfo.InvariantCulture;
        if (v.Phase == TrainingPhase.FillingReplay)
            return string.Create(c, $"filling the replay buffer: {v.ReplayPositions:N0}/{v.MinReplayPositions:N0} positions | {Rate(v.EnvironmentStepsPerSecond, "F0")} env steps/s");

        double percent = v.LastUpdate > 0 ? 100.0 * v.Updates / v.LastUpdate : 100;
        var line = new StringBuilder(string.Create(c, $"update {v.Updates:N0}/{v.LastUpdate:N0} ({Math.Floor(percent):F0}%)"));
        if (v.Phase == TrainingPhase.Evaluating) line.Append(" | evaluating for ").Append(Duration(v.PhaseSeconds));
        else
        {
            double left = v.UpdatesPerSecond > 0 ? (v.LastUpdate - v.Updates) / v.UpdatesPerSecond : double.NaN;
            line.Append(" | ETA ").Append(Duration(left));
        }
        if (!double.IsNaN(v.RecentReturn))
            line.Append(v.IsTwoPlayer ? string.Create(c, $" | decisive {100 * v.RecentReturn:F0}%") : string.Create(c, $" | return {v.RecentReturn:F1}"));
        if (v.EvaluationStep >= 0)
            line.Append(v.IsTwoPlayer ? string.Create(c, $" | eval score {v.EvaluationScore:F3} @{v.EvaluationStep:N0}") : string.Create(c, $" | eval {v.EvaluationScore:F1} @{v.EvaluationStep:N0}"));
        if (v.Phase != TrainingPhase.Evaluating)
            line.Append(string.Create(c, $" | {Rate(v.UpdatesPerSecond, "F1")} updates/s | {Rate(v.EnvironmentStepsPerSecond, "F0")} env steps/s"));
        return line.ToString();
    }

    /// <summary>As <see cref="ProgressDisplay.Duration"/> (one style across the commands), <c>?</c> when unknown.</summary>
    internal static string Duration(double seconds) =>
        double.IsFinite(seconds) && seconds >= 0 ? ProgressDisplay.Duration(TimeSpan.FromSeconds(seconds)) : "?";

    private static string Rate(double perSecond, string format) =>
        double.IsNaN(perSecond) ? "--" : perSecond.ToString(format, CultureInfo.InvariantCulture);
}
