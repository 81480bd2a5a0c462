using System.CommandLine;
using MuZero.Cli.Commands;

namespace MuZero.Cli;

/// <summary>The <c>muzero</c> command tree.</summary>
internal static class MuZeroCommandLine
{
    public static RootCommand Build() => new("muzero: train, evaluate, play and benchmark MuZero agents (TorchSharp; CUDA when present, else CPU)")
    {
        TrainCommand.Create(),
        EvaluateCommand.Create(),
        PlayCommand.Create(),
        BenchCommand.Create(),
    };
}
