using MuZero.Networks;
using MuZero.Randomness;
using MuZero.Search;
using TorchSharp;
using static TorchSharp.torch;

namespace MuZero.Tests.Cuda;

/// <summary>The same computations on CUDA and on the CPU give the same results.</summary>
[Trait("Category", "cuda")]
public sealed class CudaSearchTests
{
    private static readonly NetworkConfig Config = new() { LatentSize = 16, HiddenSize = 32, ValueSupportSize = 5, RewardSupportSize = 5 };

    private static (MlpNetwork Cpu, MlpNetwork Cuda) TwinNetworks()
    {
        manual_seed(11);
        var cpu = new MlpNetwork(4, 3, Config);
        var gpu = new MlpNetwork(4, 3, Config);
        gpu.to(CUDA);
        gpu.CopyWeightsFrom(cpu);
        return (cpu, gpu);
    }

    [CudaFact]
    public void NetworkOutputsMatchTheCpu()
    {
        var (cpu, gpu) = TwinNetworks();
        using (cpu)
        using (gpu)
        using (var scope = NewDisposeScope())
        {
            var obs = randn(8, 4);
            var actions = tensor(new long[] { 0, 1, 2, 0, 1, 2, 0, 1 });
            var (nextCpu, rewardCpu) = cpu.Dynamics(cpu.Represent(obs), actions);
            var (nextGpu, rewardGpu) = gpu.Dynamics(gpu.Represent(obs.cuda()), actions.cuda());
            Assert.True(nextCpu.allclose(nextGpu.cpu(), 1e-4, 1e-4));
            Assert.True(rewardCpu.allclose(rewardGpu.cpu(), 1e-4, 1e-4));
            Assert.True(cpu.Predict(nextCpu).PolicyLogits.allclose(gpu.Predict(nextGpu).PolicyLogits.cpu(), 1e-4, 1e-4));
        }
    }

    [CudaFact]
    public void SearchOnCudaVisitsLikeTheCpu()
    {
        var (cpu, gpu) = TwinNetworks();
        using (cpu)
        using (gpu)
        {
            var search = new SearchConfig { Simulations = 16, Discount = 0.99 };
            var legal = Enumerable.Repeat(true, 8 * 3).ToArray();
            using var obs = randn(8, 4);
            using var cpuSearch = new BatchedMcts(search, 3, twoPlayer: false);
            using var gpuSearch = new BatchedMcts(search, 3, twoPlayer: false);
            var onCpu = cpuSearch.Run(new NetworkSearchModel(cpu, CPU), obs, legal, addNoise: false, new Xoshiro256(1));
            using var obsGpu = obs.cuda();
            var onGpu = gpuSearch.Run(new NetworkSearchModel(gpu, CUDA), obsGpu, legal, addNoise: false, new Xoshiro256(1));
            Assert.Equal(onCpu.VisitCounts, onGpu.VisitCounts);
            for (int b = 0; b < 8; b++) Assert.Equal(onCpu.RootValues[b], onGpu.RootValues[b], 3);
        }
    }
}
