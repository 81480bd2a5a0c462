using System.CommandLine;
using MuZero.Cli.Protocol;
using MuZero.Cli.Terminal;
using MuZero.Environments;

namespace MuZero.Cli.Commands;

/// <summary>
/// <c>muzero play</c>: a person plays a board game against the agent in the terminal, or, with <c>--protocol text</c>,
/// another program plays against it over stdin/stdout.
/// </summary>
internal static class PlayCommand
{
    public static Command Create(Option<string?> libTorch)
    {
        var checkpoint = CommonOptions.Checkpoint();
        var protocol = new Option<string?>("--protocol") { Description = "text: the line protocol for programs (default: a board game for people in the terminal)" };
        var simulations = CommonOptions.Simulations();
        var device = CommonOptions.Device();
        var command = new Command("play", "Play against the agent: in the terminal, or over a line protocol on stdin/stdout") { checkpoint, protocol, simulations, device };
        command.SetAction(parse => CliError.Guard(() =>
        {
            string? p = parse.GetValue(protocol);
            if (p is not (null or "text")) throw new ArgumentException($"--protocol '{p}': only 'text' is supported");
            using var loggers = Logging.CreateFactory();
            var logger = loggers.CreateLogger("muzero");
            TorchRuntime.Prepare(parse.GetValue(libTorch), logger);
            using var loaded = LoadedAgent.Load(parse.GetValue(checkpoint)!, parse.GetValue(device)!, parse.GetValue(simulations), logger);
            if (p == "text")
            {
                new TextProtocolSession(loaded.Agent, loaded.NewEnvironment).Serve(Console.In, Console.Out);
                return 0;
            }
            if (loaded.NewEnvironment() is not IBoardGame)
                throw new ArgumentException($"{loaded.Path}: {loaded.Spec.Name} is not a board game; people can play {string.Join(", ", EnvironmentRegistry.BoardGames)} (programs: --protocol text)");
            new TerminalPlaySession(loaded.Agent, () => (IBoardGame)loaded.NewEnvironment(), Console.Out).Run(Console.In);
            return 0;
        }));
        return command;
    }
}
