using MuZero.Environments;
using static TorchSharp.torch;

namespace MuZero.Training.Evaluation;

/// <summary>
/// An evaluation opponent as a user names it: a reference opponent of <see cref="OpponentRegistry"/> (<c>random</c>,
/// <c>perfect</c>, ...), or a saved agent, <c>checkpoint:PATH</c> with PATH a checkpoint file or a run directory (its
/// latest checkpoint). A bare PATH is taken as a checkpoint too when it cannot be a registry spec: when it contains a
/// directory separator, ends in <c>.ckpt</c> or names an existing file or directory; registry names win otherwise.
/// Checkpoints live here rather than in the registry because the environments project knows no networks.
/// </summary>
public sealed record OpponentSpec
{
    /// <summary>The prefix that marks a checkpoint opponent.</summary>
    public const string CheckpointPrefix = "checkpoint:";

    private OpponentSpec(string name, string? checkpointPath)
    {
        Name = name;
        CheckpointPath = checkpointPath;
    }

    /// <summary>The opponent's name in reports: the registry spec, or <c>checkpoint:PATH</c>.</summary>
    public string Name { get; }

    /// <summary>The checkpoint file or run directory of a saved agent; null for a reference opponent.</summary>
    public string? CheckpointPath { get; }

    /// <summary>True for a saved agent.</summary>
    public bool IsCheckpoint => CheckpointPath is not null;

    /// <summary>What may be named, for error messages and help texts.</summary>
    public static string Known => $"{string.Join(", ", OpponentRegistry.Names)}, or {CheckpointPrefix}PATH (a checkpoint file or run directory)";

    /// <summary>Reads <paramref name="text"/>; whether a reference opponent can play a given game is checked by <see cref="Create"/>.</summary>
    /// <exception cref="ArgumentException">Neither a registry spec nor a checkpoint; the one-line message lists what exists.</exception>
    public static OpponentSpec Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.StartsWith(CheckpointPrefix, StringComparison.Ordinal))
        {
            string path = text[CheckpointPrefix.Length..];
            if (path.Length == 0) throw new ArgumentException($"opponent '{text}': {CheckpointPrefix} needs a path, e.g. {CheckpointPrefix}runs/x/checkpoints/step-1000.ckpt");
            return new OpponentSpec(text, path);
        }
        if (OpponentRegistry.Contains(text)) return new OpponentSpec(text, null);
        // A registry name with a missing or bad parameter (alphabeta:0, mcts:abc): the registry says what is wrong.
        if (OpponentRegistry.HasName(text)) throw new ArgumentException(OpponentRegistry.Problem(text)!);
        bool looksLikePath = text.Contains('/') || text.Contains(Path.DirectorySeparatorChar) || text.EndsWith(".ckpt", StringComparison.Ordinal)
                             || File.Exists(text) || Directory.Exists(text);
        if (looksLikePath) return new OpponentSpec(CheckpointPrefix + text, text);
        throw new ArgumentException($"unknown opponent '{text}'; known opponents: {Known}");
    }

    /// <summary>
    /// Builds the opponent for games of <paramref name="environment"/>: a registry opponent seeded with
    /// <paramref name="seed"/>, or the checkpoint's greedy agent on <paramref name="device"/> with
    /// <paramref name="simulations"/> per move (null: its config's evaluation setting). A checkpoint agent is a
    /// <see cref="CheckpointAgent"/>, which the caller disposes.
    /// </summary>
    /// <exception cref="ArgumentException">The opponent cannot play that game (a checkpoint of another game included), or simulations were given for a reference opponent.</exception>
    /// <exception cref="Checkpoints.CheckpointException">The checkpoint is missing or unreadable.</exception>
    public IPlayer Create(string environment, ulong seed, Device device, int? simulations)
    {
        if (CheckpointPath is null)
        {
            if (simulations is not null)
                throw new ArgumentException($"opponent '{Name}': simulations can only be set for a {CheckpointPrefix}PATH opponent");
            return new OpponentPlayer(OpponentRegistry.Create(Name, environment, seed));
        }
        var agent = CheckpointAgent.Load(CheckpointPath, device, simulations);
        if (agent.Spec.Name != environment)
        {
            agent.Dispose();
            throw new ArgumentException($"opponent {Name}: {agent.Path} plays {agent.Spec.Name}, not {environment}");
        }
        return agent;
    }
}
