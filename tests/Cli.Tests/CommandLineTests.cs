using MuZero.Cli;

namespace MuZero.Cli.Tests;

/// <summary>Runs the real command tree in-process and checks exit codes and the one-line errors users see.</summary>
[Collection(nameof(ConsoleCollection))]
public sealed class CommandLineTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("muzero-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    internal static (int Code, string Out, string Error) Run(params string[] args)
    {
        var (oldOut, oldError) = (Console.Out, Console.Error);
        var (output, error) = (new StringWriter(), new StringWriter());
        Console.SetOut(output);
        Console.SetError(error);
        try
        {
            int code = MuZeroCommandLine.Run(args);
            return (code, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldError);
        }
    }

    /// <summary>The single "error: ..." line among stderr's log lines (the log may say which libtorch and device are used).</summary>
    internal static string ErrorLine(string stderr)
    {
        var errors = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => l.StartsWith("error:", StringComparison.Ordinal)).ToArray();
        Assert.Single(errors);
        Assert.DoesNotContain("   at ", stderr); // no stack trace
        return errors[0];
    }

    [Fact]
    public void BadConfigValueIsOneErrorLine()
    {
        string path = Path.Combine(_dir, "bad.json");
        File.WriteAllText(path, """{ "training": { "batch_size": -3 } }""");
        var (code, _, error) = Run("train", "--config", path, "--run-dir", Path.Combine(_dir, "run"));
        Assert.Equal(1, code);
        Assert.Equal($"error: {path}: training.batch_size must be >= 1, got -3", ErrorLine(error));
    }

    [Fact]
    public void MissingConfigFileIsOneErrorLine()
    {
        var (code, _, error) = Run("train", "--config", Path.Combine(_dir, "nope.json"));
        Assert.Equal(1, code);
        Assert.Equal($"error: {Path.Combine(_dir, "nope.json")}: config file not found", ErrorLine(error));
    }

    [Fact]
    public void MissingCheckpointIsOneErrorLine()
    {
        var (code, _, error) = Run("evaluate", "--checkpoint", Path.Combine(_dir, "x.ckpt"));
        Assert.Equal(1, code);
        Assert.Equal($"error: {Path.Combine(_dir, "x.ckpt")}: no such checkpoint file or run directory", ErrorLine(error));
    }

    [Fact]
    public void CorruptCheckpointIsOneErrorLine()
    {
        string path = Path.Combine(_dir, "junk.ckpt");
        File.WriteAllBytes(path, new byte[200]);
        var (code, _, error) = Run("play", "--checkpoint", path);
        Assert.Equal(1, code);
        Assert.Equal($"error: {path}: not a MuZero checkpoint (bad header)", ErrorLine(error));
    }

    [Fact]
    public void CudaOnAMachineWithoutItIsOneErrorLine()
    {
        if (TorchSharp.torch.cuda.is_available()) return; // the error only exists without CUDA
        var (code, _, error) = Run("bench", "--device", "cuda", "--batch-sizes", "1", "--learner-batch-sizes", "8", "--self-play-moves", "0");
        Assert.Equal(1, code);
        Assert.StartsWith("error: --device cuda: no CUDA device is available", ErrorLine(error));
    }

    [Fact]
    public void TrainEvaluateJsonAndRunDirectoryResolution()
    {
        string run = Path.Combine(_dir, "run");
        var (code, output, error) = Run("train", "--config", Path.Combine(RepoRoot(), "configs", "tictactoe.json"), "--run-dir", run,
            "--steps", "3", "--seed", "4");
        Assert.True(code == 0, error);
        Assert.EndsWith("latest.ckpt", output.Trim());

        (code, output, error) = Run("evaluate", "--checkpoint", run, "--episodes", "4", "--opponent", "random", "--simulations", "2", "--json");
        Assert.True(code == 0, error);
        using var json = System.Text.Json.JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal(4, root.GetProperty("games").GetInt32());
        Assert.Equal(4, root.GetProperty("wins").GetInt32() + root.GetProperty("draws").GetInt32() + root.GetProperty("losses").GetInt32());
    }

    [Fact]
    public void TrainRefusesAnOccupiedRunDirectoryAndResumeRefusesOverridesThatWouldChangeTheRun()
    {
        string run = Path.Combine(_dir, "occupied");
        Directory.CreateDirectory(run);
        File.WriteAllText(Path.Combine(run, "keep.txt"), "data");
        var (code, _, error) = Run("train", "--config", Path.Combine(RepoRoot(), "configs", "tictactoe.json"), "--run-dir", run, "--steps", "3");
        Assert.Equal(1, code);
        Assert.StartsWith($"error: {run}: run directory is not empty; pass --resume", ErrorLine(error));
        Assert.Equal(["keep.txt"], Directory.GetFileSystemEntries(run).Select(Path.GetFileName));

        (code, _, error) = Run("train", "--resume", run, "--seed", "3");
        Assert.Equal(1, code);
        Assert.Equal("error: --seed cannot change a resumed run: its random streams continue from the checkpoint", ErrorLine(error));

        (code, _, error) = Run("train", "--steps", "0");
        Assert.Equal(1, code);
        Assert.Equal("error: --steps must be >= 1, got 0", ErrorLine(error));

        (code, _, error) = Run("train", "--resume", run);
        Assert.Equal(1, code);
        Assert.StartsWith($"error: {run}: run directory has no checkpoint to resume from", ErrorLine(error));
    }

    [Fact]
    public void ParseErrorIsOneErrorLineOnStderr()
    {
        var (code, output, error) = Run("train", "--no-such-option");
        Assert.Equal(1, code);
        Assert.Equal("", output);
        string line = ErrorLine(error);
        Assert.Contains("--no-such-option", line);
        Assert.EndsWith("(see 'muzero train --help')", line);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));

        (code, output, error) = Run("evaluate", "--episodes", "many", "--checkpoint", "x");
        Assert.Equal(1, code);
        Assert.Equal("", output);
        Assert.Contains("many", ErrorLine(error));
    }

    [Fact]
    public void BenchJsonToAMissingDirectoryFailsBeforeBenchmarking()
    {
        string path = Path.Combine(_dir, "no-such-dir", "bench.json");
        var (code, output, error) = Run("bench", "--json", path, "--batch-sizes", "1", "--learner-batch-sizes", "8", "--self-play-moves", "0");
        Assert.Equal(1, code);
        Assert.Equal("", output); // no table: nothing was measured
        Assert.StartsWith($"error: --json {path}: cannot write the file: ", ErrorLine(error));
    }

    [Fact]
    public void UnknownOpponentListsTheKnownOnes()
    {
        var (code, _, error) = Run("evaluate", "--checkpoint", Path.Combine(_dir, "x.ckpt"), "--opponent", "minimax");
        Assert.Equal(1, code);
        Assert.Equal("error: --opponent: unknown opponent 'minimax'; known opponents: random, perfect, alphabeta:DEPTH, mcts:PLAYOUTS, or checkpoint:PATH (a checkpoint file or run directory)", ErrorLine(error));

        (code, _, error) = Run("evaluate", "--checkpoint", Path.Combine(_dir, "x.ckpt"), "--opponent", "mcts:abc");
        Assert.Equal(1, code);
        Assert.Equal("error: --opponent: opponent 'mcts:abc': expected mcts:PLAYOUTS with PLAYOUTS an integer in 1..1000000, got 'abc'; " +
                     "known opponents: random, perfect, alphabeta:DEPTH, mcts:PLAYOUTS", ErrorLine(error));
    }

    internal static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "MuZero.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
    }
}

[CollectionDefinition(nameof(ConsoleCollection), DisableParallelization = true)]
public sealed class ConsoleCollection;
