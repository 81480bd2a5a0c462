using MuZero.Networks;

namespace MuZero.Tests.Networks;

public sealed class NetworkRegistryTests
{
    [Fact]
    public void BuildsTheMlpForAFlattenedObservationShape()
    {
        Assert.Equal(["mlp", "resnet"], NetworkRegistry.Names);
        using var network = NetworkRegistry.Create(new NetworkConfig { LatentSize = 4, HiddenSize = 8 }, [3, 3, 3], 9);
        var mlp = Assert.IsType<MlpNetwork>(network);
        Assert.Equal(27, mlp.ObservationSize);
    }

    [Fact]
    public void UnknownKindIsOneLineListingTheKnownOnes()
    {
        Assert.False(NetworkRegistry.Contains("MLP"));
        var e = Assert.Throws<ArgumentException>(() => NetworkRegistry.Create(new NetworkConfig { Kind = "convnet" }, [4], 2));
        Assert.Equal("unknown network.kind 'convnet'; known kinds: mlp, resnet", e.Message);
    }
}
