using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using MuZero.Environments;
using MuZero.Training.Evaluation;

namespace MuZero.Cli.Commands;

/// <summary><c>muzero evaluate</c>: greedy evaluation of a checkpoint (mean return, or win/draw/loss against an opponent).</summary>
internal static class EvaluateCommand
{
    public static Command Create(Option<string?> libTorch)
    {
        var checkpoint = CommonOptions.Checkpoint();
        var episodes = new Option<int?>("--episodes") { Description = "episodes (single-player) or games (two-player); default: the config's evaluation.episodes" };
        var opponent = new Option<string?>("--opponent") { Description = $"two-player opponent: {string.Join(", ", OpponentRegistry.Names)} (default: the config's evaluation.opponent)" };
        var simulations = CommonOptions.Simulations();
        var device = CommonOptions.Device();
        var json = new Option<bool>("--json") { Description = "print one JSON object instead of text" };
        var seed = new Option<ulong>("--seed") { Description = "seed of the episodes and the opponent", DefaultValueFactory = _ => 12345 };
        var command = new Command("evaluate", "Evaluate a checkpoint") { checkpoint, episodes, opponent, simulations, device, json, seed };
        command.SetAction(parse => CliError.Guard(() => Run(parse.GetValue(libTorch), parse.GetValue(checkpoint)!, parse.GetValue(episodes), parse.GetValue(opponent),
            parse.GetValue(simulations), parse.GetValue(device)!, parse.GetValue(json), parse.GetValue(seed))));
        return command;
    }

    private static int Run(string? libTorch, string checkpointPath, int? episodes, string? opponentName, int? simulations, string device, bool json, ulong seed)
    {
        // Checked before the checkpoint loads, so a typo costs nothing; whether the opponent can play the
        // checkpoint's game is checked by the registry once the game is known.
        if (opponentName is not null && OpponentRegistry.Problem(opponentName) is { } problem)
            throw new ArgumentException($"--opponent: {problem}");
        using var loggers = Logging.CreateFactory(json ? LogLevel.Warning : LogLevel.Information);
        var logger = loggers.CreateLogger("muzero");
        TorchRuntime.Prepare(libTorch, logger);
        using var loaded = LoadedAgent.Load(checkpointPath, device, simulations, logger);
        int n = episodes ?? loaded.Config.Evaluation.Episodes;
        if (n < 1) throw new ArgumentException($"--episodes must be >= 1, got {n}");
        if (loaded.Spec.IsTwoPlayer)
        {
            var opponent = OpponentRegistry.Create(opponentName ?? loaded.Config.Evaluation.Opponent, loaded.Spec.Name, seed);
            var result = Evaluator.TwoPlayer(loaded.Agent, loaded.NewEnvironment, opponent, n, seed);
            Console.WriteLine(json
                ? JsonSerializer.Serialize(result)
                : $"{result.Games} games vs {result.Opponent}: {result.Wins} wins, {result.Draws} draws, {result.Losses} losses " +
                  $"(losses as first player {result.LossesAsFirst}, as second {result.LossesAsSecond}); win rate {result.WinRate:P1}");
        }
        else
        {
            if (opponentName is not null) throw new ArgumentException($"--opponent: {loaded.Spec.Name} is a single-player game");
            var result = Evaluator.SinglePlayer(loaded.Agent, loaded.NewEnvironment, n, seed);
            Console.WriteLine(json
                ? JsonSerializer.Serialize(result)
                : $"{result.Episodes} episodes: mean return {result.MeanReturn:F2} ± {result.StdReturn:F2} (min {result.MinReturn:F0}, max {result.MaxReturn:F0})");
        }
        return 0;
    }
}
