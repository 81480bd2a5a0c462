using MuZero.Environments;
using MuZero.Networks;
using MuZero.Randomness;
using MuZero.Search;
using MuZero.Training.Configuration;
using MuZero.Training.Replay;
using MuZero.Training.SelfPlay;
using static TorchSharp.torch;

namespace MuZero.Training.Tests;

/// <summary>
/// What the actor records for each search policy: the policy's action and action weights of a search it
/// ran with its own random stream, reproduced here from the game's first position and that stream.
/// </summary>
public sealed class SelfPlaySearchPolicyTests
{
    [Theory]
    [InlineData("muzero")]
    [InlineData("gumbel_muzero")]
    public void ActorPlaysThePolicysActionAndRecordsItsWeights(string policy)
    {
        manual_seed(4);
        var config = new ExperimentConfig
        {
            Environment = new EnvironmentConfig { Name = "tictactoe" },
            Search = new SearchConfig { Policy = policy, Simulations = 6, Discount = 1.0, DirichletAlpha = 0.3 },
            SelfPlay = new SelfPlayConfig { ParallelGames = 1, Temperature = [new TemperatureStep { Value = 1.0 }] },
        };
        var spec = EnvironmentRegistry.GetSpec("tictactoe");
        using var network = new MlpNetwork(spec.ObservationSize, spec.ActionCount, new NetworkConfig { LatentSize = 8, HiddenSize = 16, ValueSupportSize = 1, RewardSupportSize = 1 });
        var model = new NetworkSearchModel(network, CPU);
        var rng = new Xoshiro256(21);
        using var actor = new SelfPlayActor(config, () => EnvironmentRegistry.Create("tictactoe"), model, rng);
        var searchRng = new Xoshiro256(1);
        searchRng.SetState(rng.GetState()); // the stream the first move's search and sample will use

        GameHistory? game = null;
        while (game is null) actor.Step(0, finished => game = finished);

        using var mcts = new BatchedMcts(config.Search, spec.ActionCount, twoPlayer: true);
        var first = new float[spec.ObservationSize];
        game.WriteObservation(0, first);
        using var observation = tensor(first, [1, .. spec.ObservationShape.Select(d => (long)d)]); // [1, *obs]
        SearchResult expected = mcts.Run(model, observation, game.LegalActions(0), addNoise: true, [1.0], searchRng);
        Assert.Equal(expected.Actions[0], game.Action(0));
        Assert.Equal(expected.Weights(0).ToArray(), game.Policy(0).ToArray());
        Assert.Equal(expected.RootValues[0], game.RootValue(0));

        var visitDistribution = new float[spec.ActionCount];
        expected.Policy(0, visitDistribution);
        if (policy == "muzero")
        {
            // MuZero: the visit distribution, and the action sampled at T = 1 right after the search's noise.
            Assert.Equal(visitDistribution, game.Policy(0).ToArray());
        }
        else
        {
            // Gumbel MuZero: the improved policy over every legal action, not the visits (6 over up to 9 actions).
            Assert.NotEqual(visitDistribution, game.Policy(0).ToArray());
            for (int a = 0; a < spec.ActionCount; a++)
                Assert.Equal(game.LegalActions(0)[a], game.Policy(0)[a] > 0);
        }
    }
}
