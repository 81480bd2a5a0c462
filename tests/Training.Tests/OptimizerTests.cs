using MuZero.Training.Configuration;
using MuZero.Training.Learning.Optimizers;
using TorchSharp;
using TorchSharp.Modules;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace MuZero.Training.Tests;

/// <summary>Our optimizers against TorchSharp's own (the references), and their saved state.</summary>
public sealed class OptimizerTests(ITestOutputHelper output)
{
    private const double Tolerance = 1e-6;

    /// <summary>A small two-layer model; the same seed gives the same weights.</summary>
    private static Sequential Model(long seed)
    {
        manual_seed(seed);
        return nn.Sequential(nn.Linear(5, 8), nn.Tanh(), nn.Linear(8, 3));
    }

    private static void Backward(Sequential model, int step)
    {
        using var scope = NewDisposeScope();
        manual_seed(100 + step); // the same batch for both models
        var x = randn(16, 5);
        var target = randn(16, 3);
        var loss = (model.forward(x) - target).pow(2).mean();
        loss.backward();
    }

    private static ParameterOptimizer Ours(string name, IEnumerable<Parameter> parameters) =>
        OptimizerRegistry.Create(name, parameters, new TrainingConfig { LearningRate = 0.01, WeightDecay = 0.02, Momentum = 0.9 });

#pragma warning disable RS0030 // TorchSharp's optimizers are the reference here
    private static OptimizerHelper Reference(string name, IEnumerable<Parameter> parameters) => name switch
    {
        "adam" => optim.Adam(parameters, 0.01, weight_decay: 0.02),
        "adamw" => optim.AdamW(parameters, 0.01, weight_decay: 0.02),
        "sgd" => optim.SGD(parameters, 0.01, momentum: 0.9, weight_decay: 0.02),
        _ => throw new ArgumentException(name),
    };
#pragma warning restore RS0030

    private static double MaxDifference(Sequential a, Sequential b)
    {
        double max = 0;
        foreach (var (p, q) in a.parameters().Zip(b.parameters()))
        {
            using var difference = (p - q).abs().max();
            max = Math.Max(max, difference.item<float>());
        }
        return max;
    }

    [Theory]
    [InlineData("adam")]
    [InlineData("adamw")]
    [InlineData("sgd")]
    public void MatchesTorchSharpsOptimizer(string name)
    {
        using var ours = Model(1);
        using var reference = Model(1);
        using var optimizer = Ours(name, ours.parameters());
        using var expected = Reference(name, reference.parameters());
        double worst = 0;
        for (int step = 0; step < 8; step++)
        {
            if (step == 5)
            {
                // A schedule changes the rate between steps: both must follow.
                optimizer.LearningRate = 0.003;
                foreach (var group in expected.ParamGroups) group.LearningRate = 0.003;
            }
            optimizer.ZeroGrad();
            expected.zero_grad();
            Backward(ours, step);
            Backward(reference, step);
            optimizer.Step();
            expected.step();
            double difference = MaxDifference(ours, reference);
            worst = Math.Max(worst, difference);
            Assert.True(difference <= Tolerance, $"{name}, step {step}: max difference {difference}");
        }
        output.WriteLine($"{name}: largest parameter difference to TorchSharp's optimizer over 8 steps {worst:G3}");
        using var initial = Model(1);
        Assert.True(MaxDifference(ours, initial) > 1e-3, "the parameters moved");
        Assert.Equal(8, optimizer.StepCount);
    }

    [Theory]
    [InlineData("adam")]
    [InlineData("adamw")]
    [InlineData("sgd")]
    public void SavedStateContinuesIdentically(string name)
    {
        using var original = Model(2);
        using var optimizer = Ours(name, original.parameters());
        for (int step = 0; step < 3; step++)
        {
            optimizer.ZeroGrad();
            Backward(original, step);
            optimizer.Step();
        }
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true)) optimizer.Save(writer);

        using var restored = Model(3);
        using (no_grad())
            foreach (var (p, q) in restored.parameters().Zip(original.parameters())) p.copy_(q);
        using var restoredOptimizer = Ours(name, restored.parameters());
        stream.Position = 0;
        using (var reader = new BinaryReader(stream)) restoredOptimizer.Load(reader);
        Assert.Equal(3, restoredOptimizer.StepCount);

        for (int step = 3; step < 6; step++)
        {
            optimizer.ZeroGrad();
            restoredOptimizer.ZeroGrad();
            Backward(original, step);
            Backward(restored, step);
            optimizer.Step();
            restoredOptimizer.Step();
        }
        Assert.Equal(0, MaxDifference(original, restored));
    }

    [Fact]
    public void StateOfAnotherOptimizerOrShapeIsRejected()
    {
        using var model = Model(4);
        using var adam = Ours("adam", model.parameters());
        Backward(model, 0);
        adam.Step(); // so that there are moment buffers to save
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true)) adam.Save(writer);

        using var sgd = Ours("sgd", model.parameters());
        stream.Position = 0;
        var e = Assert.Throws<InvalidDataException>(() => sgd.Load(new BinaryReader(stream)));
        Assert.Equal("optimizer state is for 'adam', the config asks for 'sgd'", e.Message);

        using var other = nn.Sequential(nn.Linear(5, 9), nn.Tanh(), nn.Linear(9, 3));
        using var otherAdam = Ours("adam", other.parameters());
        stream.Position = 0;
        Assert.Throws<InvalidDataException>(() => otherAdam.Load(new BinaryReader(stream)));

        stream.SetLength(stream.Length / 2);
        stream.Position = 0;
        Assert.Equal("optimizer state is truncated", Assert.Throws<InvalidDataException>(() => adam.Load(new BinaryReader(stream))).Message);
    }

    [Fact]
    public void UnknownNamesAreRejected()
    {
        Assert.Equal(new[] { "adam", "adamw", "sgd" }, OptimizerRegistry.Names);
        using var model = Model(5);
        var e = Assert.Throws<ArgumentException>(() => OptimizerRegistry.Create("Adam", model.parameters(), new TrainingConfig()));
        Assert.StartsWith("unknown optimizer 'Adam'; known: adam, adamw, sgd", e.Message);

        var c = Assert.Throws<ConfigException>(() => ConfigLoader.Parse("""{ "training": { "optimizer": "rmsprop" } }""", "x.json"));
        Assert.Equal("x.json: training.optimizer must be one of adam, adamw, sgd, got 'rmsprop'", c.Message);
    }
}
