using MuZero.Networks;
using static TorchSharp.torch;

namespace MuZero.Tests.Networks;

public sealed class HiddenStateScalingTests
{
    [Fact]
    public void EachExampleIsScaledToUnitRangeByItsOwnMinAndMax()
    {
        using var state = tensor(new float[] { 1, 3, 5, -2, 0, 2 }, [2, 3]);
        using var scaled = HiddenStateScaling.MinMax(state);
        Assert.Equal(new float[] { 0, 0.5f, 1, 0, 0.5f, 1 }, scaled.data<float>().ToArray());
    }

    [Fact]
    public void ConstantStateDoesNotDivideByZero()
    {
        using var state = full(new long[] { 1, 4 }, 7f);
        using var scaled = HiddenStateScaling.MinMax(state);
        Assert.All(scaled.data<float>().ToArray(), v => Assert.Equal(0f, v));
    }

    [Fact]
    public void ScalingBackpropagatesAndGivesTheSameValuesWithoutGradients()
    {
        // The learner scales with gradients, the search without: both must see the same latents.
        using var scope = NewDisposeScope();
        var values = new float[] { 1, 3, 5, -2, 0, 2, 4, -1, 0.5f };
        var state = tensor(values, [3, 3]).requires_grad_(true);
        var scaled = HiddenStateScaling.MinMax(state);
        scaled.pow(2).sum().backward();
        Assert.NotNull(state.grad);
        Assert.True(state.grad!.abs().sum().item<float>() > 0);
        using var noGrad = no_grad();
        var searched = HiddenStateScaling.MinMax(tensor(values, [3, 3]));
        Assert.Equal(scaled.detach().data<float>().ToArray(), searched.data<float>().ToArray());
    }
}
