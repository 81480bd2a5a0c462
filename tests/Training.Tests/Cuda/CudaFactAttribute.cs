using TorchSharp;
using Xunit.Sdk;

namespace MuZero.Training.Tests.Cuda;

/// <summary>A test that needs a CUDA device: reported as skipped (not passed) where there is none. Trait Category=cuda.</summary>
[TraitDiscoverer("Xunit.Sdk.TraitDiscoverer", "xunit.core")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class CudaFactAttribute : FactAttribute, ITraitAttribute
{
    public CudaFactAttribute()
    {
        if (!torch.cuda.is_available()) Skip = "no CUDA device";
    }
}
