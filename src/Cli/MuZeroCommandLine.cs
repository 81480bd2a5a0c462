using System.CommandLine;
using MuZero.Cli.Commands;

namespace MuZero.Cli;

/// <summary>The <c>muzero</c> command tree.</summary>
internal static class MuZeroCommandLine
{
    public static RootCommand Build()
    {
        var libTorch = CommonOptions.LibTorch();
        var root = new RootCommand("muzero: train, evaluate, play and benchmark MuZero agents (TorchSharp; CUDA when present, else CPU)")
        {
            TrainCommand.Create(libTorch),
            EvaluateCommand.Create(libTorch),
            PlayCommand.Create(libTorch),
            BenchCommand.Create(libTorch),
        };
        root.Options.Add(libTorch);
        return root;
    }
}
