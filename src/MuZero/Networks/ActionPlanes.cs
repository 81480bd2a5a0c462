using TorchSharp;
using static TorchSharp.torch;

namespace MuZero.Networks;

/// <summary>Turns actions into the planes <see cref="ResidualNetwork"/>'s dynamics concatenates to the latent (see <see cref="ActionEncoding"/>).</summary>
public sealed class ActionPlanes
{
    private readonly Scalar _scale; // 1 / |A| of the scaled plane, kept alive with this object for the native calls

    /// <summary>Creates the encoder for <paramref name="actionCount"/> actions on a <paramref name="height"/> x <paramref name="width"/> board.</summary>
    /// <exception cref="ArgumentException"><paramref name="encoding"/> does not fit these sizes (see <see cref="Fits"/>).</exception>
    public ActionPlanes(ActionEncoding encoding, int actionCount, int height, int width)
    {
        if (actionCount < 1 || height < 1 || width < 1) throw new ArgumentOutOfRangeException(nameof(actionCount), "action count and board sizes must be >= 1");
        if (!Fits(encoding, actionCount, height, width))
            throw new ArgumentException($"action encoding {encoding} needs {actionCount} actions to be the {height} x {width} cells or the {width} columns");
        Encoding = encoding;
        ActionCount = actionCount;
        Height = height;
        Width = width;
        _scale = (1.0 / actionCount).ToScalar();
    }

    /// <summary>The encoding.</summary>
    public ActionEncoding Encoding { get; }

    /// <summary>|A|.</summary>
    public int ActionCount { get; }

    /// <summary>H of the planes.</summary>
    public int Height { get; }

    /// <summary>W of the planes.</summary>
    public int Width { get; }

    /// <summary>P, the number of planes: |A| for one-hot planes, 1 otherwise.</summary>
    public int Count => Encoding == ActionEncoding.OneHotPlanes ? ActionCount : 1;

    /// <summary>True when <paramref name="encoding"/> can encode <paramref name="actionCount"/> actions on an H x W board.</summary>
    public static bool Fits(ActionEncoding encoding, int actionCount, int height, int width) =>
        encoding != ActionEncoding.CellPlane || actionCount == height * width || actionCount == width;

    /// <summary>
    /// The default when a config names none: the cell plane when every action is a cell or a column (board games:
    /// one plane however large the board), one-hot planes otherwise (small action sets such as MinAtar's).
    /// </summary>
    public static ActionEncoding DefaultFor(int actionCount, int height, int width) =>
        Fits(ActionEncoding.CellPlane, actionCount, height, width) ? ActionEncoding.CellPlane : ActionEncoding.OneHotPlanes;

    /// <summary>Actions int64 [B] -> planes [B, P, H, W] of <paramref name="dtype"/> (a broadcast view where the planes are constant).</summary>
    public Tensor Encode(Tensor actions, ScalarType dtype)
    {
        long b = actions.shape[0];
        int a = ActionCount, h = Height, w = Width;
        using var scope = NewDisposeScope();
        var planes = Encoding switch
        {
            ActionEncoding.OneHotPlanes => nn.functional.one_hot(actions, a).to(dtype).view(b, a, 1, 1).expand(b, a, h, w), // [B, A, H, W]
            ActionEncoding.ScaledPlane => actions.to(dtype).mul(_scale).view(b, 1, 1, 1).expand(b, 1, h, w),                // [B, 1, H, W]
            _ when a == h * w => nn.functional.one_hot(actions, a).to(dtype).view(b, 1, h, w),                             // [B, 1, H, W]: the cell
            _ => nn.functional.one_hot(actions, w).to(dtype).view(b, 1, 1, w).expand(b, 1, h, w),                          // [B, 1, H, W]: the column
        };
        var result = planes.MoveToOuterDisposeScope();
        GC.KeepAlive(this); // _scale must outlive the native calls above
        return result;
    }
}
