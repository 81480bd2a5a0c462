using MuZero.Training.Configuration;
using TorchSharp.Modules;

namespace MuZero.Training.Learning.Optimizers;

/// <summary>The optimizers a config can name in <c>training.optimizer</c>; the one place that maps names to classes.</summary>
public static class OptimizerRegistry
{
    private static readonly (string Name, Func<IEnumerable<Parameter>, TrainingConfig, ParameterOptimizer> Create)[] Entries =
    [
        ("adam", (parameters, c) => new AdamOptimizer(parameters, c.LearningRate, c.WeightDecay)),
        ("adamw", (parameters, c) => new AdamWOptimizer(parameters, c.LearningRate, c.WeightDecay)),
        ("sgd", (parameters, c) => new SgdOptimizer(parameters, c.LearningRate, c.Momentum, c.WeightDecay)),
    ];

    /// <summary>The known names (lower case; matched case-sensitively), in a fixed order.</summary>
    public static IReadOnlyList<string> Names { get; } = Entries.Select(e => e.Name).ToArray();

    /// <summary>Creates optimizer <paramref name="name"/> over <paramref name="parameters"/> with <paramref name="config"/>'s learning rate, weight decay and momentum.</summary>
    /// <exception cref="ArgumentException">Unknown name.</exception>
    public static ParameterOptimizer Create(string name, IEnumerable<Parameter> parameters, TrainingConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        foreach (var entry in Entries)
            if (string.Equals(entry.Name, name, StringComparison.Ordinal)) return entry.Create(parameters, config);
        throw new ArgumentException($"unknown optimizer '{name}'; known: {string.Join(", ", Names)}", nameof(name));
    }
}
