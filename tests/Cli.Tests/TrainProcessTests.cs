using System.Diagnostics;
using MuZero.Environments;
using MuZero.Networks;
using MuZero.Search;
using MuZero.Training.Checkpoints;
using MuZero.Training.Configuration;

namespace MuZero.Cli.Tests;

/// <summary>
/// Runs `muzero train` as a real child process and stops it the ways the world does: SIGTERM (timeout,
/// container stops, Slurm), SIGINT (Ctrl-C) and SIGKILL; every stop leaves a run that resumes.
/// scripts/kill-test.sh does the same with many random kills.
/// </summary>
public sealed class TrainProcessTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("muzero-proc-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string WriteConfig()
    {
        var config = new ExperimentConfig
        {
            Name = "signals",
            Seed = 2,
            Environment = new EnvironmentConfig { Name = "tictactoe" },
            Network = new NetworkConfig { LatentSize = 8, HiddenSize = 16, ValueSupportSize = 1, RewardSupportSize = 1 },
            Search = new SearchConfig { Simulations = 4, Discount = 1.0 },
            SelfPlay = new SelfPlayConfig { ParallelGames = 8 },
            Replay = new ReplayConfig { CapacitySteps = 5000, TdSteps = 9, MinStepsBeforeTraining = 50 },
            Training = new TrainingConfig { TrainingSteps = 1_000_000, BatchSize = 16, UnrollSteps = 2, CheckpointInterval = 20, LogInterval = 10, UpdatesPerEnvStep = 0.5 },
            Evaluation = new EvaluationConfig { Episodes = 2 },
        };
        string path = Path.Combine(_dir, "config.json");
        File.WriteAllText(path, ConfigLoader.ToJson(config));
        return path;
    }

    /// <summary>True when this process ignores SIGINT (bit 2 of SigIgn in /proc/self/status), which its children inherit.</summary>
    private static bool SigintIgnoredHere()
    {
        string? line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
        return line is not null && (Convert.ToUInt64(line["SigIgn:".Length..].Trim(), 16) & (1UL << 1)) != 0;
    }

    /// <summary>The first update at or after <paramref name="step"/> that the config logs (every 10).</summary>
    private static int NextLoggedUpdate(long step) => (int)((step + 9) / 10 * 10);

    /// <summary>Starts `muzero train ARGS`, waits until it has logged update <paramref name="untilUpdate"/>, sends <paramref name="signal"/> and returns the exit code and stderr.</summary>
    private static (int Code, string Log) RunUntil(int untilUpdate, string signal, params string[] args)
    {
        string cli = Path.Combine(AppContext.BaseDirectory, "MuZero.Cli.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string a in (string[])["exec", cli, "train", .. args]) start.ArgumentList.Add(a);
        start.Environment["OMP_NUM_THREADS"] = "1";
        using var process = Process.Start(start)!;
        var log = new System.Text.StringBuilder();
        var reached = new ManualResetEventSlim();
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (log) log.AppendLine(e.Data);
            if (e.Data.Contains($"update {untilUpdate}/")) reached.Set();
        };
        process.BeginErrorReadLine();
        _ = process.StandardOutput.ReadToEndAsync();
        bool ok = reached.Wait(TimeSpan.FromSeconds(90));
        if (ok) Process.Start("kill", ["-" + signal, process.Id.ToString()])!.WaitForExit();
        else process.Kill();
        Assert.True(process.WaitForExit(60_000), "the training process did not stop within 60 s of the signal");
        process.WaitForExit();
        lock (log)
        {
            Assert.True(ok, $"no 'update {untilUpdate}/' line within 90 s:\n{log}");
            return (process.ExitCode, log.ToString());
        }
    }

    [Fact]
    public void SigtermAndSigintStopWithACheckpointAndTheirExitCodesAndSigkillLosesAtMostOneInterval()
    {
        string config = WriteConfig();
        string run = Path.Combine(_dir, "run");

        var (code, log) = RunUntil(30, "TERM", "--config", config, "--run-dir", run);
        Assert.True(code == 143, log);
        Assert.Contains("SIGTERM: stopping after the current update", log);
        Assert.DoesNotContain(" | ETA ", log); // stderr is redirected: the log lines alone, no live status line
        long afterTerm = Checkpoint.Load(Path.Combine(run, "checkpoints", "latest.ckpt")).Counters.TrainingStep;
        // Some updates pass between the log line and the signal (more on a faster machine); the checkpoint is where it stopped.
        Assert.True(afterTerm >= 30, $"checkpoint at update {afterTerm}, before the signal's update 30");
        Assert.Contains($"Stopped at update {afterTerm} (cancelled)", log);

        // A process started from a non-interactive shell's background job ignores SIGINT, and so do its children:
        // then the child cannot be stopped by SIGINT at all, and only the other signals are checked.
        long afterInt = afterTerm;
        if (!SigintIgnoredHere())
        {
            (code, log) = RunUntil(NextLoggedUpdate(afterTerm + 10), "INT", "--resume", run);
            Assert.True(code == 130, log);
            Assert.Contains($"Resumed from {Path.Combine(run, "checkpoints", "latest.ckpt")} at update {afterTerm} with its replay buffer", log);
            afterInt = Checkpoint.Load(Path.Combine(run, "checkpoints", "latest.ckpt")).Counters.TrainingStep;
            Assert.True(afterInt >= Math.Max(50, afterTerm + 1), $"checkpoint at update {afterInt}, before the signal");
            Assert.Contains($"Stopped at update {afterInt} (cancelled)", log);
        }

        (code, log) = RunUntil(NextLoggedUpdate(afterInt + 30), "KILL", "--resume", run);
        Assert.Equal(137, code);
        long killedAfter = log.Split('\n').Where(l => l.Contains(" | env steps ")).Select(l => long.Parse(l.Split("update ")[1].Split('/')[0])).Max();
        var checkpoint = Checkpoint.Load(Checkpoint.Resolve(run));
        Assert.True(checkpoint.Counters.TrainingStep >= killedAfter - 20, $"killed after update {killedAfter}, latest checkpoint at {checkpoint.Counters.TrainingStep}");
        var (resumed, _, error) = CommandLineTests.Run("train", "--resume", run, "--steps", "1000");
        Assert.True(resumed == 0, error);
        var metrics = File.ReadAllLines(Path.Combine(run, "metrics.jsonl"))
            .Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement.GetProperty("step").GetInt64()).ToArray();
        Assert.Equal(metrics.Order().ToArray(), metrics); // every line whole JSON, no update logged twice
        Assert.Equal(metrics.Distinct().Count(), metrics.Length);
        Assert.Equal(1000, metrics[^1]);
        Assert.Equal(1000, Checkpoint.Load(Path.Combine(run, "checkpoints", "latest.ckpt")).Counters.TrainingStep);
        Assert.Equal(1_000_000, Checkpoint.Load(Path.Combine(run, "checkpoints", "latest.ckpt")).Config.Training.TrainingSteps);
    }
}
