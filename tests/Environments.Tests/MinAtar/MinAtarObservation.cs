using MuZero.Environments.MinAtar;

namespace MuZero.Environments.Tests.MinAtar;

/// <summary>Reads a MinAtar observation [C, 10, 10] back as lit cells, for assertions.</summary>
internal static class MinAtarObservation
{
    /// <summary>The lit cells of <paramref name="channel"/>, as (x, y), in row-major order.</summary>
    public static (int X, int Y)[] Cells(IEnvironment game, int channel)
    {
        var observation = new float[game.Spec.ObservationSize];
        game.WriteObservation(observation);
        Assert.All(observation, v => Assert.True(v is 0f or 1f));
        var cells = new List<(int, int)>();
        for (int y = 0; y < MinAtarGame.GridSize; y++)
            for (int x = 0; x < MinAtarGame.GridSize; x++)
            {
                if (observation[(channel * MinAtarGame.GridSize + y) * MinAtarGame.GridSize + x] == 1f) cells.Add((x, y));
            }
        return [.. cells];
    }

    /// <summary>Settings without sticky actions, so that hand-stepped tests execute exactly the actions they choose.</summary>
    public static MinAtarSettings Exact { get; } = new(StickyActionProbability: 0);
}
