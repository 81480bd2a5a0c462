using System.CommandLine;
using MuZero.Cli.Protocol;

namespace MuZero.Cli.Commands;

/// <summary><c>muzero play --protocol text</c>: lets another program play against the agent over stdin/stdout.</summary>
internal static class PlayCommand
{
    public static Command Create(Option<string?> libTorch)
    {
        var checkpoint = CommonOptions.Checkpoint();
        var protocol = new Option<string>("--protocol") { Description = "the line protocol (text)", DefaultValueFactory = _ => "text" };
        var simulations = CommonOptions.Simulations();
        var device = CommonOptions.Device();
        var command = new Command("play", "Play against the agent over a line protocol on stdin/stdout") { checkpoint, protocol, simulations, device };
        command.SetAction(parse => CliError.Guard(() =>
        {
            string p = parse.GetValue(protocol)!;
            if (p != "text") throw new ArgumentException($"--protocol '{p}': only 'text' is supported");
            using var loggers = Logging.CreateFactory();
            var logger = loggers.CreateLogger("muzero");
            TorchRuntime.Prepare(parse.GetValue(libTorch), logger);
            using var loaded = LoadedAgent.Load(parse.GetValue(checkpoint)!, parse.GetValue(device)!, parse.GetValue(simulations), logger);
            new TextProtocolSession(loaded.Agent, loaded.NewEnvironment).Serve(Console.In, Console.Out);
            return 0;
        }));
        return command;
    }
}
