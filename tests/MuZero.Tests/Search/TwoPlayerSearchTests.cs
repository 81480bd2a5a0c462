using MuZero.Randomness;
using MuZero.Search;
using TorchSharp;
using static TorchSharp.torch;

namespace MuZero.Tests.Search;

/// <summary>
/// Sign handling of two-player search on TicTacToe positions. The model knows the rules only through
/// rewards (+1 to the player completing a line, -1 for playing on an occupied cell); its values are all 0
/// and its priors uniform over empty cells, so the search must find the tactics by looking ahead.
/// </summary>
public sealed class TwoPlayerSearchTests
{
    private static readonly int[][] Lines =
    [
        [0, 1, 2], [3, 4, 5], [6, 7, 8], [0, 3, 6], [1, 4, 7], [2, 5, 8], [0, 4, 8], [2, 4, 6],
    ];

    [Fact]
    public void FindsTheForkThatWinsInThreePlies()
    {
        // . . .
        // . . X     X to move: 4 makes two threats (3 and 1); O can block only one.
        // O X O
        const string board = ".....XOXO";
        Assert.Equal([4], WinningMoves(board)); // the position is what the test claims

        SearchResult result = SearchPosition(board, twoPlayer: true, simulations: 400);
        int[] visits = result.Visits(0).ToArray();
        Assert.Equal(4, ActionSelection.SelectAction(visits, 0, new Xoshiro256(0)));
        Assert.True(result.RootValues[0] > 0, $"root value {result.RootValues[0]}, visits [{string.Join(", ", visits)}]");
    }

    [Fact]
    public void BlocksTheOpponentWhereASearchWithoutSignFlipWouldNot()
    {
        // X O .
        // . O .     X to move must block 7; every other move lets O complete the middle column.
        // . . X
        const string board = "XO..O...X";
        Assert.Equal([7], NonLosingMoves(board));

        SearchResult result = SearchPosition(board, twoPlayer: true, simulations: 200);
        int[] visits = result.Visits(0).ToArray();
        Assert.Equal(7, ActionSelection.SelectAction(visits, 0, new Xoshiro256(0)));

        // Without the sign flip O's winning reward counts as X's gain: the same search walks into the loss.
        SearchResult naive = SearchPosition(board, twoPlayer: false, simulations: 200);
        int naiveChoice = ActionSelection.SelectAction(naive.Visits(0), 0, new Xoshiro256(0));
        Assert.NotEqual(7, naiveChoice);
    }

    private static SearchResult SearchPosition(string board, bool twoPlayer, int simulations)
    {
        (TabularModel model, int root) = BuildModel(board);
        bool[] legal = board.Select(c => c == '.').ToArray();
        var config = new SearchConfig { Simulations = simulations, Discount = 1.0 };
        using var mcts = new BatchedMcts(config, 9, twoPlayer);
        using Tensor observations = TabularModel.Observations(root); // [1, 1]
        return mcts.Run(model, observations, legal, addNoise: false, new Xoshiro256(0));
    }

    /// <summary>The game tree below <paramref name="board"/> (X to move) as a tabular model.</summary>
    private static (TabularModel Model, int Root) BuildModel(string board)
    {
        var model = new TabularModel(9);
        int terminal = model.AddTerminal();
        var ids = new Dictionary<string, int>();

        int Build(char[] cells, char player)
        {
            string key = new string(cells) + player;
            if (ids.TryGetValue(key, out int id)) return id;
            int empty = cells.Count(c => c == '.');
            float[] priors = cells.Select(c => c == '.' ? 1f / empty : 0f).ToArray();
            id = model.AddState(0f, priors);
            ids[key] = id;
            char other = player == 'X' ? 'O' : 'X';
            for (int a = 0; a < 9; a++)
            {
                if (cells[a] != '.')
                {
                    model.Connect(id, a, terminal, -1f);
                    continue;
                }
                char[] next = (char[])cells.Clone();
                next[a] = player;
                if (Wins(next, player)) model.Connect(id, a, terminal, 1f);
                else if (!next.Contains('.')) model.Connect(id, a, terminal, 0f);
                else model.Connect(id, a, Build(next, other), 0f);
            }
            return id;
        }

        int root = Build(board.ToCharArray(), 'X');
        return (model, root);
    }

    private static bool Wins(char[] cells, char player) => Lines.Any(l => l.All(i => cells[i] == player));

    /// <summary>Game value for the player to move (negamax): +1 win, 0 draw, -1 loss.</summary>
    private static int Negamax(char[] cells, char player)
    {
        char other = player == 'X' ? 'O' : 'X';
        int best = int.MinValue;
        for (int a = 0; a < 9; a++)
        {
            if (cells[a] != '.') continue;
            best = Math.Max(best, MoveValue(cells, a, player, other));
        }
        return best == int.MinValue ? 0 : best;
    }

    private static int MoveValue(char[] cells, int move, char player, char other)
    {
        char[] next = (char[])cells.Clone();
        next[move] = player;
        return Wins(next, player) ? 1 : -Negamax(next, other);
    }

    private static int[] MovesWithValue(string board, Func<int, bool> keep) =>
        Enumerable.Range(0, 9).Where(a => board[a] == '.' && keep(MoveValue(board.ToCharArray(), a, 'X', 'O'))).ToArray();

    private static int[] WinningMoves(string board) => MovesWithValue(board, v => v == 1);

    private static int[] NonLosingMoves(string board) => MovesWithValue(board, v => v >= 0);
}
