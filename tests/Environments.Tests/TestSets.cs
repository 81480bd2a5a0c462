namespace MuZero.Environments.Tests;

/// <summary>Pons' Connect Four test sets in tests/data/connect4, found from the test binary's folder.</summary>
internal static class TestSets
{
    public static ConnectFourTestSet Load(string name)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "MuZero.sln"))) dir = dir.Parent;
        Assert.True(dir is not null, $"no MuZero.sln above {AppContext.BaseDirectory}: cannot find tests/data/connect4");
        return ConnectFourTestSet.Load(Path.Combine(dir.FullName, "tests", "data", "connect4", name));
    }
}
