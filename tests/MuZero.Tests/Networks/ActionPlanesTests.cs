using MuZero.Networks;
using static TorchSharp.torch;

namespace MuZero.Tests.Networks;

public sealed class ActionPlanesTests
{
    private static float[] Encode(ActionEncoding encoding, int actions, int height, int width, long[] batch, out long[] shape)
    {
        var planes = new ActionPlanes(encoding, actions, height, width);
        using var a = tensor(batch);
        using var encoded = planes.Encode(a, ScalarType.Float32);
        shape = encoded.shape;
        using var contiguous = encoded.contiguous();
        return contiguous.data<float>().ToArray();
    }

    [Fact]
    public void OneHotPlanesAreOnePlaneOfOnesPerAction()
    {
        float[] x = Encode(ActionEncoding.OneHotPlanes, 3, 2, 2, [2, 0], out var shape);
        Assert.Equal(new long[] { 2, 3, 2, 2 }, shape);
        Assert.Equal(new float[] { 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, /* action 0: */ 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0 }, x);
    }

    [Fact]
    public void ScaledPlaneIsTheActionOverTheActionCount()
    {
        float[] x = Encode(ActionEncoding.ScaledPlane, 4, 2, 3, [3, 0, 2], out var shape);
        Assert.Equal(new long[] { 3, 1, 2, 3 }, shape);
        Assert.Equal([.. Enumerable.Repeat(0.75f, 6), .. Enumerable.Repeat(0f, 6), .. Enumerable.Repeat(0.5f, 6)], x);
    }

    [Fact]
    public void CellPlaneMarksTheCellWhenActionsAreCells()
    {
        float[] x = Encode(ActionEncoding.CellPlane, 6, 2, 3, [4, 0], out var shape);
        Assert.Equal(new long[] { 2, 1, 2, 3 }, shape);
        Assert.Equal(new float[] { 0, 0, 0, 0, 1, 0, /* action 0: */ 1, 0, 0, 0, 0, 0 }, x);
    }

    [Fact]
    public void CellPlaneMarksTheColumnWhenActionsAreColumns()
    {
        // Connect Four's shape: 7 columns of a 6 x 7 board; here 3 columns of 2 rows.
        float[] x = Encode(ActionEncoding.CellPlane, 3, 2, 3, [1, 2], out var shape);
        Assert.Equal(new long[] { 2, 1, 2, 3 }, shape);
        Assert.Equal(new float[] { 0, 1, 0, 0, 1, 0, /* action 2: */ 0, 0, 1, 0, 0, 1 }, x);
    }

    [Fact]
    public void CellPlaneOnlyFitsCellsOrColumnsAndIsTheBoardDefault()
    {
        Assert.True(ActionPlanes.Fits(ActionEncoding.CellPlane, 81, 9, 9));
        Assert.True(ActionPlanes.Fits(ActionEncoding.CellPlane, 7, 6, 7));
        Assert.False(ActionPlanes.Fits(ActionEncoding.CellPlane, 6, 10, 10));
        Assert.True(ActionPlanes.Fits(ActionEncoding.OneHotPlanes, 6, 10, 10));
        Assert.Equal(ActionEncoding.CellPlane, ActionPlanes.DefaultFor(9, 3, 3));
        Assert.Equal(ActionEncoding.CellPlane, ActionPlanes.DefaultFor(7, 6, 7));
        Assert.Equal(ActionEncoding.OneHotPlanes, ActionPlanes.DefaultFor(6, 10, 10));
        var e = Assert.Throws<ArgumentException>(() => new ActionPlanes(ActionEncoding.CellPlane, 6, 10, 10));
        Assert.Equal("action encoding CellPlane needs 6 actions to be the 10 x 10 cells or the 10 columns", e.Message);
    }
}
