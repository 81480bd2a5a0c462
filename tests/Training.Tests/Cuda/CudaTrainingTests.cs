using MuZero.Networks;
using MuZero.Randomness;
using MuZero.Training.Configuration;
using MuZero.Training.Learning;
using MuZero.Training.Replay;
using TorchSharp;
using static TorchSharp.torch;

namespace MuZero.Training.Tests.Cuda;

[Trait("Category", "cuda")]
public sealed class CudaTrainingTests
{
    [CudaFact]
    public void OneUpdateOnCudaMatchesTheCpu()
    {
        var config = new TrainingConfig { BatchSize = 16, UnrollSteps = 3, LearningRate = 0.01, Optimizer = "adamw" };
        var net = new NetworkConfig { LatentSize = 8, HiddenSize = 16, ValueSupportSize = 3, RewardSupportSize = 3 };
        manual_seed(5);
        using var cpu = new MlpNetwork(1, 2, net);
        using var gpu = new MlpNetwork(1, 2, net);
        gpu.to(CUDA);
        gpu.CopyWeightsFrom(cpu);

        var replay = new ReplayBuffer(new ReplayConfig { CapacitySteps = 100, TdSteps = 2, PriorityAlpha = 0 }, 0.9, twoPlayer: false);
        replay.Add(GameBuilder.Make(rewards: [1, 0, 2, 1, 0, 1], rootValues: [0.5f, 1, 0, 2, 1, 0]));
        var batch = new TrainingBatch(config.BatchSize, config.UnrollSteps, 1, 2);
        replay.Sample(batch, new Xoshiro256(3));
        var priorities = new float[config.BatchSize];

        using var cpuTrainer = new UnrollTrainer(cpu, config, CPU, [1]);
        using var gpuTrainer = new UnrollTrainer(gpu, config, CUDA, [1]);
        var onCpu = cpuTrainer.Train(batch, priorities);
        var onGpu = gpuTrainer.Train(batch, priorities);
        Assert.Equal(onCpu.Total, onGpu.Total, 3);
        Assert.Equal(onCpu.Value, onGpu.Value, 3);
        Assert.Equal(onCpu.Policy, onGpu.Policy, 3);
    }
}
