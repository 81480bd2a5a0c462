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
        var min = flat.amin([1L], keepdim: true);                // [B, 1]
        var range = flat.amax([1L], keepdim: true) - min;        // [B, 1]
        var scaled = (flat - min) / range.clamp_min(MinRange); // [B, F]
        return (state.dim() == 2 ? scaled : scaled.view(state.shape)).MoveToOuterDisposeScope();
    }
}
