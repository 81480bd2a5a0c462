using MuZero.Search;
using MuZero.Search.Inspection;

namespace MuZero.Tests.Search;

/// <summary>DOT output and principal variation of a hand-made tree whose statistics are worked out by hand below.</summary>
public sealed class SearchTreeDotTests
{
    /// <summary>
    /// Single player, discount 1, actions L (0) and R (1):
    /// root (net value 0.5, priors .6/.4); node 1 = root-L (r 1, value 2); node 2 = root-R (r 0, value -1);
    /// node 3 = node1-R (r 0.5, value 1). Backups: root N 4, sum 0.5 + 3 - 1 + 2.5 = 5 (V 1.25);
    /// node 1 N 2, sum 2 + 1.5 (V 1.75); Q(root, L) = 1 + 1.75 = 2.75, Q(root, R) = -1, Q(node 1, R) = 0.5 + 1 = 1.5.
    /// </summary>
    private static SearchTreeSnapshot HandMadeTree()
    {
        var tree = new SearchTree(batchSize: 1, capacity: 4, actionCount: 2, discount: 1.0);
        tree.InitializeRoot(0, 0.5f, [0.6f, 0.4f], [true, true]);
        tree.AddChild(0, parent: 0, action: 0, child: 1, reward: 1f, value: 2f, priors: [0.3f, 0.7f]);
        tree.Backup(0, 1, 2.0);
        tree.AddChild(0, parent: 0, action: 1, child: 2, reward: 0f, value: -1f, priors: [0.5f, 0.5f]);
        tree.Backup(0, 2, -1.0);
        tree.AddChild(0, parent: 1, action: 1, child: 3, reward: 0.5f, value: 1f, priors: [0.5f, 0.5f]);
        tree.Backup(0, 3, 1.0);
        return new SearchTreeSnapshot(tree);
    }

    private static string Label(int action) => action == 0 ? "L" : "R";

    [Fact]
    public void WholeTreeIsExactlyAsWorkedOut()
    {
        string expected = """
            digraph search {
              node [shape=box, fontname="Helvetica", fontsize=10];
              edge [fontname="Helvetica", fontsize=9];
              n0 [label="root\nN=4 V=+1.250\nnet V=+0.500", penwidth=2];
              n1 [label="node 1\nN=2 V=+1.750\nnet V=+2.000 r=+1.000", penwidth=2];
              n0 -> n1 [label="L\nP=0.600 Q=+2.750", penwidth=2];
              n2 [label="node 2\nN=1 V=-1.000\nnet V=-1.000 r=+0.000"];
              n0 -> n2 [label="R\nP=0.400 Q=-1.000"];
              n3 [label="node 3\nN=1 V=+1.000\nnet V=+1.000 r=+0.500", penwidth=2];
              n1 -> n3 [label="R\nP=0.700 Q=+1.500", penwidth=2];
            }

            """;
        Assert.Equal(expected.ReplaceLineEndings("\n"), SearchTreeDot.Write(HandMadeTree(), 0, Label));
    }

    [Fact]
    public void DepthAndVisitLimitsDropWholeSubtrees()
    {
        SearchTreeSnapshot tree = HandMadeTree();
        string shallow = SearchTreeDot.Write(tree, 0, Label, maxDepth: 1);
        Assert.Contains("n0 -> n2", shallow);
        Assert.DoesNotContain("n3", shallow);

        string busy = SearchTreeDot.Write(tree, 0, Label, minVisits: 2);
        Assert.Contains("n0 -> n1", busy);
        Assert.DoesNotContain("n2", busy);
        Assert.DoesNotContain("n3", busy);   // node 3 has one visit
    }

    [Fact]
    public void LabelsAreEscaped()
    {
        string dot = SearchTreeDot.Write(HandMadeTree(), 0, action => action == 0 ? "say \"hi\"" : @"a\b");
        Assert.Contains("label=\"say \\\"hi\\\"\\nP=0.600", dot);
        Assert.Contains("label=\"a\\\\b\\nP=0.400", dot);
    }

    [Fact]
    public void PrincipalVariationFollowsTheMostVisitedChild()
    {
        SearchTreeSnapshot tree = HandMadeTree();
        Assert.Equal([0, 1, 3], PrincipalVariation.Nodes(tree, 0));
        Assert.Equal([0, 1], PrincipalVariation.Actions(tree, 0));
    }
}
