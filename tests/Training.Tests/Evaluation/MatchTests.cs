using MuZero.Environments;
using MuZero.Networks;
using MuZero.Search;
using MuZero.Training.Checkpoints;
using MuZero.Training.Configuration;
using MuZero.Training.Evaluation;
using static TorchSharp.torch;

namespace MuZero.Training.Tests.Evaluation;

public sealed class MatchTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("muzero-match-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static IEnvironment TicTacToe() => EnvironmentRegistry.Create("tictactoe");

    /// <summary>A fresh (untrained) tiny network of <paramref name="game"/> saved as a checkpoint; the manual seed makes the two agents differ.</summary>
    private string SaveFreshCheckpoint(string name, long torchSeed, string game = "tictactoe")
    {
        var config = new ExperimentConfig
        {
            Environment = new EnvironmentConfig { Name = game },
            Network = new NetworkConfig { LatentSize = 8, HiddenSize = 16, ValueSupportSize = 1, RewardSupportSize = 1 },
            Search = new SearchConfig { Simulations = 4, Discount = 1 },
            Evaluation = new EvaluationConfig { Simulations = 3 },
        };
        var spec = EnvironmentRegistry.GetSpec(game);
        random.manual_seed(torchSeed);
        using var network = NetworkRegistry.Create(config.Network, spec.ObservationShape, spec.ActionCount);
        string path = Path.Combine(_dir, name);
        Checkpoint.Save(path, config, new TrainingCounters { TrainingStep = torchSeed }, [1, 2, 3, 4], network, optimizer: null);
        return path;
    }

    /// <summary>Delegates to another player and records, per position it is asked about, that the game is not over and whether it is the game's first move.</summary>
    private sealed class RecordingPlayer(IPlayer inner) : IPlayer
    {
        public int FirstMoves { get; private set; }

        public void SelectActions(IReadOnlyList<IEnvironment> environments, Span<int> actions)
        {
            foreach (var environment in environments)
            {
                if (environment.StepCount == 0) FirstMoves++;
                Assert.False(environment.IsOver);
            }
            inner.SelectActions(environments, actions);
        }
    }

    [Theory]
    [InlineData(7, 3)]
    [InlineData(6, 100)]
    [InlineData(5, 1)]
    public void SeatsAlternateAndCountsAddUp(int games, int parallel)
    {
        var agent = new RecordingPlayer(new OpponentPlayer(new RandomOpponent(1)));
        var opponent = new RecordingPlayer(new OpponentPlayer(new RandomOpponent(2)));
        var reports = new List<TwoPlayerResult>();
        var result = Evaluator.TwoPlayer(agent, opponent, "random", TicTacToe, games, seed: 9, parallel, reports.Add);

        Assert.Equal((games + 1) / 2, agent.FirstMoves);   // the agent opens games 0, 2, 4, ...
        Assert.Equal(games / 2, opponent.FirstMoves);
        Assert.Equal((games + 1) / 2, result.AsFirst.Games);
        Assert.Equal(games / 2, result.AsSecond.Games);
        Assert.Equal(games, result.Wins + result.Draws + result.Losses);
        Assert.Equal(result.AsFirst.Losses, result.LossesAsFirst);
        Assert.Equal("random", result.Opponent);
        // Progress counts only grow, and the last report is the result.
        Assert.Equal(result, reports[^1]);
        Assert.True(reports.Zip(reports.Skip(1)).All(p => p.First.Games < p.Second.Games));
    }

    /// <summary>Delegates to another player and signals a cancellation on its <paramref name="calls"/>-th move.</summary>
    private sealed class CancellingPlayer(IPlayer inner, int calls, CancellationTokenSource cancellation) : IPlayer
    {
        public int Calls { get; private set; }

        public void SelectActions(IReadOnlyList<IEnvironment> environments, Span<int> actions)
        {
            if (++Calls == calls) cancellation.Cancel();
            inner.SelectActions(environments, actions);
        }
    }

    [Fact]
    public void ACancelledMatchStopsBeforeItsNextRoundOfMoves()
    {
        using var cancellation = new CancellationTokenSource();
        var agent = new CancellingPlayer(new OpponentPlayer(new RandomOpponent(1)), calls: 2, cancellation);
        var opponent = new CancellingPlayer(new OpponentPlayer(new RandomOpponent(2)), calls: 0, cancellation);
        Assert.Throws<OperationCanceledException>(() =>
            Evaluator.TwoPlayer(agent, opponent, "random", TicTacToe, 20, seed: 1, parallelGames: 20, cancellation: cancellation.Token));
        // Round 1: the opponent, then the agent; round 2: the opponent, then the agent, whose move signals; no round 3.
        Assert.Equal(2, agent.Calls);
        Assert.Equal(2, opponent.Calls);
    }

    [Fact]
    public void PerfectPlayersNeverLoseWhateverTheSeat()
    {
        var perfect = new OpponentPlayer(new PerfectTicTacToePlayer(3));
        var random = new OpponentPlayer(new RandomOpponent(4));
        var strong = Evaluator.TwoPlayer(perfect, random, "random", TicTacToe, 40, seed: 1, parallelGames: 7);
        Assert.Equal(0, strong.Losses);
        Assert.True(strong.AsFirst.Wins > 10 && strong.AsSecond.Wins > 5, $"{strong}");
        var weak = Evaluator.TwoPlayer(random, perfect, "perfect", TicTacToe, 40, seed: 1, parallelGames: 7);
        Assert.Equal(0, weak.Wins);
        var even = Evaluator.TwoPlayer(perfect, new OpponentPlayer(new PerfectTicTacToePlayer(5)), "perfect", TicTacToe, 12, seed: 1, parallelGames: 5);
        Assert.Equal(new WinDrawLoss(0, 12, 0), even.Total);
    }

    [Fact]
    public void TwoCheckpointsPlayEachOtherWithAlternatingColours()
    {
        string a = SaveFreshCheckpoint("a.ckpt", 1), b = SaveFreshCheckpoint("b.ckpt", 2);
        using var first = CheckpointAgent.Load(a, CPU, simulations: null);
        var spec = OpponentSpec.Parse($"checkpoint:{b}");
        Assert.True(spec.IsCheckpoint);
        using var second = (CheckpointAgent)spec.Create("tictactoe", seed: 1, CPU, simulations: 5);
        Assert.Equal(3, first.Simulations);  // the config's evaluation.simulations
        Assert.Equal(5, second.Simulations); // the override
        Assert.Equal(2, second.TrainingStep);

        // One game at a time: every search is of batch 1, so both greedy agents are exactly deterministic and each seat
        // repeats one game.
        var ab = Evaluator.TwoPlayer(first, second, spec.Name, first.NewEnvironment, 6, seed: 3, parallelGames: 1);
        var ba = Evaluator.TwoPlayer(second, first, "a", first.NewEnvironment, 6, seed: 3, parallelGames: 1);
        Assert.Equal(6, ab.Games);
        Assert.Equal(3, ab.AsFirst.Games);
        Assert.Equal(3, ab.AsSecond.Games);
        Assert.Equal(ab.AsFirst + ab.AsSecond, ab.Total);
        foreach (var seat in new[] { ab.AsFirst, ab.AsSecond })
            Assert.Contains(seat, new[] { new WinDrawLoss(3, 0, 0), new WinDrawLoss(0, 3, 0), new WinDrawLoss(0, 0, 3) });
        // The same two games seen from the other side.
        Assert.Equal(ab.AsFirst, ba.AsSecond.Reversed());
        Assert.Equal(ab.AsSecond, ba.AsFirst.Reversed());

        // Batched as well: counts add up however many games are in play.
        var batched = Evaluator.TwoPlayer(first, second, spec.Name, first.NewEnvironment, 9, seed: 3, parallelGames: 4);
        Assert.Equal(9, batched.Total.Games);
        Assert.Equal(5, batched.AsFirst.Games);
    }

    [Fact]
    public void OpponentSpecsNameRegistryOpponentsOrCheckpoints()
    {
        Assert.False(OpponentSpec.Parse("random").IsCheckpoint);
        Assert.Equal("perfect", OpponentSpec.Parse("perfect").Name);
        Assert.Equal("x/y.ckpt", OpponentSpec.Parse("checkpoint:x/y.ckpt").CheckpointPath);
        Assert.Equal("checkpoint:runs/a", OpponentSpec.Parse("runs/a").Name);       // a path, by its separator
        Assert.Equal("best.ckpt", OpponentSpec.Parse("best.ckpt").CheckpointPath);   // a path, by its extension
        Assert.Equal(_dir, OpponentSpec.Parse(_dir).CheckpointPath);
        var unknown = Assert.Throws<ArgumentException>(() => OpponentSpec.Parse("minimax"));
        Assert.Equal("unknown opponent 'minimax'; known opponents: random, perfect, alphabeta:DEPTH, mcts:PLAYOUTS, or checkpoint:PATH (a checkpoint file or run directory)", unknown.Message);
        var empty = Assert.Throws<ArgumentException>(() => OpponentSpec.Parse("checkpoint:"));
        Assert.StartsWith("opponent 'checkpoint:': checkpoint: needs a path", empty.Message);
        var simulations = Assert.Throws<ArgumentException>(() => OpponentSpec.Parse("random").Create("tictactoe", 1, CPU, simulations: 10));
        Assert.Equal("opponent 'random': simulations can only be set for a checkpoint:PATH opponent", simulations.Message);
    }

    [Fact]
    public void ACheckpointOfAnotherGameIsRefused()
    {
        string cartpole = SaveFreshCheckpoint("cartpole.ckpt", 1, game: "cartpole");
        var e = Assert.Throws<ArgumentException>(() => OpponentSpec.Parse(cartpole).Create("tictactoe", 1, CPU, simulations: null));
        Assert.Equal($"opponent checkpoint:{cartpole}: {cartpole} plays cartpole, not tictactoe", e.Message);
        var missing = Assert.Throws<CheckpointException>(() => OpponentSpec.Parse("checkpoint:" + Path.Combine(_dir, "none.ckpt")).Create("tictactoe", 1, CPU, null));
        Assert.Equal($"{Path.Combine(_dir, "none.ckpt")}: no such checkpoint file or run directory", missing.Message);
    }
}
