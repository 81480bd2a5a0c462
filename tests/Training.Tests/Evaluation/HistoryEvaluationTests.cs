using MuZero.Environments;
using MuZero.Environments.MinAtar;
using MuZero.Search;
using MuZero.Training.Configuration;
using MuZero.Training.Evaluation;
using MuZero.Training.Observations;
using MuZero.Training.Replay;
using TorchSharp;
using static TorchSharp.torch;

namespace MuZero.Training.Tests.Evaluation;

/// <summary>Single-player evaluation of an agent that sees history: the inputs it gets, and the step cap.</summary>
public sealed class HistoryEvaluationTests
{
    /// <summary>Records every root input; its prior favours the action (lit input cells mod |A|), so the actions vary.</summary>
    private sealed class RecordingModel(int actionCount) : ISearchModel
    {
        public List<float[]> Calls { get; } = [];

        public int ActionCount => actionCount;

        public Device Device => CPU;

        public Tensor Initial(Tensor observations, Span<float> values, Span<float> priors)
        {
            long b = observations.shape[0];
            var inputs = observations.data<float>().ToArray();
            Calls.Add(inputs);
            int size = inputs.Length / (int)b;
            values.Clear();
            for (int i = 0; i < b; i++)
            {
                int lit = inputs.AsSpan(i * size, size).ToArray().Count(v => v != 0);
                var prior = priors.Slice(i * actionCount, actionCount);
                prior.Fill(0.5f / (actionCount - 1));
                prior[lit % actionCount] = 0.5f;
            }
            return zeros(b, 1);
        }

        public Tensor Recurrent(Tensor latents, Tensor actions, Span<float> rewards, Span<float> values, Span<float> priors)
        {
            rewards.Clear();
            values.Clear();
            priors.Fill(1f / actionCount);
            return zeros(latents.shape[0], 1);
        }
    }

    /// <summary>A game that remembers what it showed and was told, for rebuilding the agent's inputs afterwards.</summary>
    private sealed class RecordingEnvironment(IEnvironment inner) : IEnvironment
    {
        public GameHistory History { get; private set; } = new(inner.Spec.ObservationSize, inner.Spec.ActionCount);

        public EnvironmentSpec Spec => inner.Spec;

        public int ToPlay => inner.ToPlay;

        public int StepCount => inner.StepCount;

        public bool IsOver => inner.IsOver;

        public void Reset(ulong seed)
        {
            inner.Reset(seed);
            History = new GameHistory(Spec.ObservationSize, Spec.ActionCount);
        }

        public void WriteObservation(Span<float> destination) => inner.WriteObservation(destination);

        public void WriteLegalActions(Span<bool> destination) => inner.WriteLegalActions(destination);

        public bool IsLegal(int action) => inner.IsLegal(action);

        public StepResult Step(int action)
        {
            var observation = new float[Spec.ObservationSize];
            var legal = new bool[Spec.ActionCount];
            inner.WriteObservation(observation);
            inner.WriteLegalActions(legal);
            History.AddStep(observation, legal, 0, action, 0, new float[Spec.ActionCount]);
            var result = inner.Step(action);
            History.SetLastReward(result.Reward);
            return result;
        }
    }

    [Fact]
    public void EveryMoveSeesTheInputReplayWouldBuildForThatPosition()
    {
        var spec = new Asterix().Spec;
        var layout = new ObservationLayout(spec, new ObservationConfig { HistoryFrames = 3, HistoryActions = true });
        var model = new RecordingModel(spec.ActionCount);
        using var agent = new SearchAgent(model, new SearchConfig { Simulations = 4 }, spec, layout);
        var environments = new List<RecordingEnvironment>();
        var result = Evaluator.SinglePlayer(agent, () =>
        {
            var environment = new RecordingEnvironment(new Asterix());
            environments.Add(environment);
            return environment;
        }, episodes: 3, seed: 7, maxSteps: 400);

        Assert.Equal(3, result.Episodes);
        var expected = new float[layout.InputSize];
        var lengths = environments.Select(e => e.History.Length).ToArray();
        Assert.Equal([87, 81, 41], lengths); // episodes that end at different times: the batch shrinks
        Assert.Equal(0, result.TruncatedEpisodes);
        Assert.Contains(environments, e => Enumerable.Range(0, e.History.Length).Select(e.History.Action).Distinct().Count() > 1);
        for (int call = 0; call < model.Calls.Count; call++)
        {
            // Call c searches, in episode order, the episodes still going at their step c.
            int[] rows = Enumerable.Range(0, 3).Where(i => lengths[i] > call).ToArray();
            Assert.Equal(rows.Length * layout.InputSize, model.Calls[call].Length);
            for (int row = 0; row < rows.Length; row++)
            {
                layout.Write(environments[rows[row]].History, call, expected);
                Assert.Equal(expected, model.Calls[call].AsSpan(row * layout.InputSize, layout.InputSize).ToArray());
            }
        }
        Assert.Equal(lengths.Max(), model.Calls.Count);
        Assert.Equal(environments.Select(e => e.History.TotalReward).Average(), result.MeanReturn, 9);
    }

    [Fact]
    public void EpisodesPastTheCapAreCutAndCounted()
    {
        // Freeway runs 2,500 steps whatever the agent does: every episode reaches a cap of 5.
        var spec = new Freeway().Spec;
        var model = new RecordingModel(spec.ActionCount);
        using var agent = new SearchAgent(model, new SearchConfig { Simulations = 2 }, spec);
        var result = Evaluator.SinglePlayer(agent, () => new Freeway(), episodes: 4, seed: 1, maxSteps: 5);
        Assert.Equal(4, result.TruncatedEpisodes);
        Assert.Equal(5, model.Calls.Count);
        Assert.Equal(0, result.MeanReturn); // no chicken crosses 9 lanes in 5 steps
    }

    [Fact]
    public void ACancelledEvaluationPlaysNoMove()
    {
        var spec = new Freeway().Spec;
        var model = new RecordingModel(spec.ActionCount);
        using var agent = new SearchAgent(model, new SearchConfig { Simulations = 2 }, spec);
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();
        Assert.Throws<OperationCanceledException>(() =>
            Evaluator.SinglePlayer(agent, () => new Freeway(), episodes: 4, seed: 1, maxSteps: 5, cancellation.Token));
        Assert.Empty(model.Calls);
    }
}
