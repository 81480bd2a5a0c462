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
}
