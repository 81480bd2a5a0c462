using System.CommandLine;
using System.Globalization;
using MuZero.Training.Checkpoints;

namespace MuZero.Cli.Commands;

/// <summary>
/// <c>muzero export</c>: a checkpoint reduced to its config and weights (no optimizer state, replay buffer or actor
/// state), for committing trained agents and sharing them; <c>evaluate</c> and <c>play</c> load it like the original.
/// </summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var checkpoint = CommonOptions.Checkpoint();
        var output = new Option<string>("--out") { Description = "the file to write", Required = true, HelpName = "FILE" };
        var force = new Option<bool>("--force") { Description = "overwrite --out if it exists" };
        var command = new Command("export", "Write a weights-and-config-only copy of a checkpoint") { checkpoint, output, force };
        command.SetAction(parse => CliError.Guard(() => Run(parse.GetValue(checkpoint)!, parse.GetValue(output)!, parse.GetValue(force))));
        return command;
    }

    private static int Run(string checkpointOrRun, string output, bool force)
    {
        if (Directory.Exists(output)) throw new ArgumentException($"--out {output}: is a directory; name the file to write");
        if (File.Exists(output) && !force) throw new ArgumentException($"--out {output}: file exists; pass --force to overwrite it");
        string path = Checkpoint.Resolve(checkpointOrRun);
        var checkpoint = Checkpoint.Load(path);
        long before = new FileInfo(path).Length;
        IReadOnlyList<string> dropped;
        try
        {
            dropped = checkpoint.SaveWeightsOnly(output);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ArgumentException($"--out {output}: cannot write the file: {e.Message.ReplaceLineEndings(" ")}", e);
        }
        long after = new FileInfo(output).Length;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{output}: {after:N0} bytes, from {path}: {before:N0} bytes ({100.0 * after / before:0}%; left out: {(dropped.Count == 0 ? "nothing" : string.Join(", ", dropped))})"));
        return 0;
    }
}
