using System.CommandLine;
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using MuZero.Environments;
using MuZero.Search;
using MuZero.Search.Inspection;

namespace MuZero.Cli.Commands;

/// <summary>
/// <c>muzero inspect</c>: one noiseless search of a checkpoint's agent from a chosen position, printed as the root's
/// children (prior, visits, Q, value), the principal variation and the move it plays, and written as a Graphviz tree.
/// </summary>
internal static class InspectCommand
{
    public static Command Create(Option<string?> libTorch)
    {
        var checkpoint = CommonOptions.Checkpoint();
        var moves = new Option<string?>("--moves")
        {
            HelpName = "MOVES",
            Description = "board games: the moves from the start, in the game's notation, separated by spaces or commas (e.g. \"4 4 3\" for Connect Four, \"e5,d4\" for Gomoku)",
        };
        var seed = new Option<ulong>("--seed") { Description = "single-player games: the episode's seed", DefaultValueFactory = _ => 0UL };
        var steps = new Option<int>("--steps") { Description = "single-player games: greedy agent moves to play before the search", DefaultValueFactory = _ => 0 };
        var simulations = CommonOptions.Simulations();
        var dot = new Option<string?>("--dot") { HelpName = "FILE.dot", Description = "write the search tree as Graphviz DOT" };
        var png = new Option<string?>("--png") { HelpName = "FILE.png", Description = "also draw the tree as PNG with Graphviz's dot (apt-get install graphviz)" };
        var maxDepth = new Option<int>("--max-depth") { Description = "leave out tree nodes deeper than this (the root is 0)", DefaultValueFactory = _ => int.MaxValue };
        var minVisits = new Option<int>("--min-visits") { Description = "leave out tree nodes with fewer visits", DefaultValueFactory = _ => 1 };
        var device = CommonOptions.Device();
        var command = new Command("inspect", "Look inside one search: the root's children, the principal variation, the tree as Graphviz")
        {
            checkpoint, moves, seed, steps, simulations, dot, png, maxDepth, minVisits, device,
        };
        command.SetAction(parse => CliError.Guard(() =>
        {
            int depth = parse.GetValue(maxDepth);
            int visits = parse.GetValue(minVisits);
            int stepCount = parse.GetValue(steps);
            if (depth < 0) throw new ArgumentException($"--max-depth must be at least 0, got {depth}");
            if (visits < 1) throw new ArgumentException($"--min-visits must be at least 1, got {visits}");
            if (stepCount < 0) throw new ArgumentException($"--steps must be at least 0, got {stepCount}");
            string? dotPath = parse.GetValue(dot);
            string? pngPath = parse.GetValue(png);
            if (pngPath is not null && dotPath is null) dotPath = Path.ChangeExtension(pngPath, ".dot");

            using var loggers = Logging.CreateFactory();
            var logger = loggers.CreateLogger("muzero");
            TorchRuntime.Prepare(parse.GetValue(libTorch), logger);
            using var loaded = LoadedAgent.Load(parse.GetValue(checkpoint)!, parse.GetValue(device)!, parse.GetValue(simulations), logger);
            if (!loaded.Agent.Layout.IsObservationOnly)
                throw new ArgumentException($"{loaded.Path}: its network sees {loaded.Agent.Layout.Frames} frames of history (observation section); inspect searches bare positions and does not build histories yet");
            IEnvironment environment = loaded.NewEnvironment();
            string position = SetUpPosition(environment, loaded, parse.GetValue(moves), parse.GetValue(seed), stepCount, parse.GetResult(seed) is { Implicit: false });
            using var dotFile = dotPath is null ? null : OutputFile.Open(dotPath, "--dot");

            SearchResult result = loaded.Agent.Inspect(environment);
            SearchTreeSnapshot tree = result.Tree!;
            Func<int, string> label = environment is IBoardGame board ? board.FormatMove : action => action.ToString(CultureInfo.InvariantCulture);
            Console.Write(Report(loaded, environment, position, result, tree, label));
            if (dotFile is null) return 0;

            byte[] bytes = Encoding.UTF8.GetBytes(SearchTreeDot.Write(tree, 0, label, depth, visits));
            dotFile.SetLength(0);
            dotFile.Write(bytes);
            dotFile.Dispose();
            Console.WriteLine($"tree: {dotPath}");
            if (pngPath is not null)
            {
                DrawPng(dotPath!, pngPath);
                Console.WriteLine($"picture: {pngPath}");
            }
            return 0;
        }));
        return command;
    }

    /// <summary>Plays the requested moves (board games) or greedy steps (single-player games); returns how the position was reached.</summary>
    private static string SetUpPosition(IEnvironment environment, LoadedAgent loaded, string? moves, ulong seed, int steps, bool seedGiven)
    {
        environment.Reset(seed);
        if (environment is IBoardGame board)
        {
            if (steps > 0 || seedGiven) throw new ArgumentException($"--seed and --steps are for single-player games; {loaded.Spec.Name} takes --moves");
            string[] tokens = (moves ?? "").Split([' ', ','], StringSplitOptions.RemoveEmptyEntries);
            foreach (string token in tokens)
            {
                if (environment.IsOver) throw new ArgumentException($"--moves: the game is over before '{token}'");
                if (!board.TryParseMove(token, out int action, out string? error))
                    throw new ArgumentException($"--moves: '{token}': {error}");
                if (!environment.IsLegal(action)) throw new ArgumentException($"--moves: '{token}' is not legal here");
                environment.Step(action);
            }
            if (environment.IsOver) throw new ArgumentException("--moves: the game is over; there is nothing to search");
            return tokens.Length == 0 ? "the start position" : $"after {tokens.Length} moves ({string.Join(' ', tokens)})";
        }
        if (moves is not null) throw new ArgumentException($"--moves is for board games; {loaded.Spec.Name} takes --seed and --steps");
        for (int i = 0; i < steps; i++)
        {
            if (environment.IsOver) throw new ArgumentException($"--steps {steps}: the episode ended after {i} steps");
            environment.Step(loaded.Agent.SelectAction(environment));
        }
        if (environment.IsOver) throw new ArgumentException($"--steps {steps}: the episode ended; there is nothing to search");
        return $"seed {seed} after {steps} greedy steps";
    }

    /// <summary>The text report: position, root, one row per legal root action, principal variation, the move played.</summary>
    internal static string Report(LoadedAgent loaded, IEnvironment environment, string position, SearchResult result, SearchTreeSnapshot tree, Func<int, string> label)
    {
        var text = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        text.Append(inv, $"{loaded.Spec.Name}, {position}; agent {loaded.Path} (update {loaded.Loaded.TrainingStep}), {tree.NodeCount - 1} simulations\n");
        if (environment is IBoardGame board) text.Append(board.Render().TrimEnd('\n')).Append('\n');
        text.Append(inv, $"root: N={tree.Visits(0, 0)} V={tree.Value(0, 0):+0.000;-0.000} (network value {tree.RawValue(0, 0):+0.000;-0.000}), values for the player to move\n");
        text.Append("  move     prior  visits        Q  V(child)   reward\n");
        ReadOnlySpan<float> priors = tree.Priors(0, 0);
        ReadOnlySpan<bool> legal = tree.RootLegal(0);
        ReadOnlySpan<int> children = tree.Children(0, 0);
        for (int a = 0; a < tree.ActionCount; a++)
        {
            if (!legal[a]) continue;
            int child = children[a];
            text.Append(inv, $"  {label(a),-6} {priors[a],7:0.000} {result.Visits(0)[a],7}");
            if (child == SearchTree.NoChild) text.Append("        -         -        -\n");
            else text.Append(inv, $" {tree.Q(0, 0, a),8:+0.000;-0.000} {tree.Value(0, child),9:+0.000;-0.000} {tree.Reward(0, child),8:+0.000;-0.000}\n");
        }
        IReadOnlyList<int> line = PrincipalVariation.Actions(tree, 0);
        text.Append("principal variation: ").Append(string.Join(' ', line.Select(label))).Append('\n');
        text.Append(inv, $"the agent plays {label(result.Actions[0])} (search value {result.RootValues[0]:+0.000;-0.000})\n");
        return text.ToString();
    }

    /// <summary>Runs Graphviz's <c>dot -Tpng</c>; a missing Graphviz is one clear error (the DOT file stays).</summary>
    private static void DrawPng(string dotPath, string pngPath)
    {
        var start = new ProcessStartInfo("dot", ["-Tpng", "-o", pngPath, dotPath]) { RedirectStandardError = true };
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("dot did not start");
        }
        catch (Win32Exception)
        {
            throw new ArgumentException($"--png: Graphviz's dot is not installed (Debian/Ubuntu: apt-get install graphviz); the tree is in {dotPath}");
        }
        using (process)
        {
            string errors = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
                throw new ArgumentException($"--png: dot failed ({process.ExitCode}): {errors.ReplaceLineEndings(" ").Trim()}");
        }
    }
}
