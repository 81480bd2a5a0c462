using TorchSharp;
using static TorchSharp.torch;

namespace MuZero.Networks;

/// <summary>
/// Scales each example's hidden state to [0, 1] by its own min and max over all features (paper,
/// appendix G), after h and after every g: keeps latents on the scale of the action inputs.
/// </summary>
public static class HiddenStateScaling
{
    /// <summary>Smallest range divided by (a constant state maps to 0); static so it outlives every native call.</summary>
    private static readonly Scalar MinRange = 1e-5.ToScalar();

    /// <summary>[B, ...] -> [B, ...] with every example min-max scaled over its features.</summary>
    public static Tensor MinMax(Tensor state)
    {
        using var scope = NewDisposeScope();
        // Vector latents are already [B, F]: no reshape, two fewer nodes in the learner's autograd graph per step.
        var flat = state.dim() == 2 ? state : state.flatten(1); // [B, F]
        // amin and amax, not aminmax: libtorch's CPU aminmax over rows took 2x as long as the pair on [1024, 32] and 7x on
        // [256, 1344] (the residual latents), and it has no derivative.
        var min = flat.amin([1L], keepdim: true); // [B, 1]
        var max = flat.amax([1L], keepdim: true); // [B, 1]
        var scaled = (flat - min) / (max - min).clamp_min(MinRange); // [B, F]; out of place: the learner backpropagates through it
        return (state.dim() == 2 ? scaled : scaled.view(state.shape)).MoveToOuterDisposeScope();
    }
}
