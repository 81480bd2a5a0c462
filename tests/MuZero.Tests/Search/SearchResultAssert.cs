using MuZero.Search;

namespace MuZero.Tests.Search;

/// <summary>Assertions over whole search results.</summary>
internal static class SearchResultAssert
{
    /// <summary>
    /// Both searches of <paramref name="games"/> games decided alike (visits, root values, actions, action weights) and
    /// grew the same trees, node by node (both captured with their trees).
    /// </summary>
    public static void Identical(SearchResult expected, SearchResult actual, int games)
    {
        Assert.Equal(expected.VisitCounts, actual.VisitCounts);
        Assert.Equal(expected.RootValues, actual.RootValues);
        Assert.Equal(expected.Actions, actual.Actions);
        Assert.Equal(expected.ActionWeights, actual.ActionWeights);
        SearchTreeSnapshot e = expected.Tree!, a = actual.Tree!;
        for (int game = 0; game < games; game++)
        {
            for (int node = 0; node < e.NodeCount; node++)
            {
                Assert.Equal(e.Visits(game, node), a.Visits(game, node));
                Assert.Equal(e.ValueSum(game, node), a.ValueSum(game, node));
                Assert.Equal(e.RawValue(game, node), a.RawValue(game, node));
                Assert.Equal(e.Reward(game, node), a.Reward(game, node));
                Assert.Equal(e.Parent(game, node), a.Parent(game, node));
                Assert.Equal(e.Action(game, node), a.Action(game, node));
                Assert.Equal(e.Priors(game, node).ToArray(), a.Priors(game, node).ToArray());
                Assert.Equal(e.Children(game, node).ToArray(), a.Children(game, node).ToArray());
            }
        }
    }
}
