using System.CommandLine;
using MuZero.Cli.Commands;

namespace MuZero.Cli;

/// <summary>The <c>muzero</c> command tree.</summary>
internal static class MuZeroCommandLine
{
    /// <summary>
    /// Parses and runs <paramref name="args"/>. A parse error (unknown option, missing or malformed value) prints one
    /// line "error: ..." with a pointer to the command's help on stderr and returns 1, like every other user mistake;
    /// System.CommandLine's default would print the whole help text to stdout.
    /// </summary>
    public static int Run(string[] args)
    {
        var parse = Build().Parse(args);
        if (parse.Errors.Count == 0) return parse.Invoke();
        string command = parse.CommandResult.Command is RootCommand ? "muzero" : $"muzero {parse.CommandResult.Command.Name}";
        string messages = string.Join("; ", parse.Errors.Select(e => e.Message.ReplaceLineEndings(" ")));
        Console.Error.WriteLine($"error: {messages} (see '{command} --help')");
        return 1;
    }

    public static RootCommand Build()
    {
        var libTorch = CommonOptions.LibTorch();
        var root = new RootCommand("muzero: train, evaluate, play, benchmark and export MuZero agents (TorchSharp; CUDA when present, else CPU)")
        {
            TrainCommand.Create(libTorch),
            EvaluateCommand.Create(libTorch),
            PlayCommand.Create(libTorch),
            BenchCommand.Create(libTorch),
            ExportCommand.Create(),
            ExperimentCommand.Create(libTorch),
            PlotCommand.Create(),
            InspectCommand.Create(libTorch),
            SolveCommand.Create(),
            TournamentCommand.Create(libTorch),
        };
        root.Options.Add(libTorch);
        return root;
    }
}
