namespace MuZero.Environments.Tests;

public sealed class AllocationTests
{
    private static long AllocatedBy(Action action)
    {
        action(); // warm up: JIT and static initialisers may allocate once
        long before = GC.GetAllocatedBytesForCurrentThread();
        action();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    [Fact]
    public void SteppingAndObservingDoNotAllocate()
    {
        var cartPole = new CartPole();
        var ticTacToe = new TicTacToe();
        var vector = new VectorEnvironment(() => new TicTacToe(), 4, baseSeed: 1);
        var observation = new float[27];
        var mask = new bool[9];
        var actions = new int[4];
        var rewards = new float[4];
        var terminated = new bool[4];
        var truncated = new bool[4];
        var perfect = new PerfectTicTacToePlayer(1);
        var random = new RandomOpponent(2);

        long bytes = AllocatedBy(() =>
        {
            for (int episode = 0; episode < 20; episode++)
            {
                cartPole.Reset((ulong)episode);
                while (!cartPole.Step(episode % 2).Done) cartPole.WriteObservation(observation.AsSpan(0, 4));

                ticTacToe.Reset(0);
                while (!ticTacToe.IsOver)
                {
                    ticTacToe.WriteObservation(observation);
                    ticTacToe.WriteLegalActions(mask);
                    ticTacToe.Step(ticTacToe.ToPlay == 0 ? perfect.SelectAction(ticTacToe) : random.SelectAction(ticTacToe));
                }

                for (int step = 0; step < 9; step++)
                {
                    for (int i = 0; i < 4; i++) actions[i] = Array.IndexOf(vector.LegalActions, true, i * 9, 9) - i * 9;
                    vector.Step(actions, rewards, terminated, truncated);
                }
            }
        });

        Assert.Equal(0, bytes);
    }

    [Fact]
    public void BoardGamesStepObserveAndSearchWithoutAllocating()
    {
        var connectFour = new ConnectFour();
        var gomoku = new Gomoku();
        var smallGomoku = new Gomoku(7, 4);
        var observation = new float[3 * 81];
        var mask = new bool[81];
        var moves = new int[81];
        var random = new RandomOpponent(3);

        long bytes = AllocatedBy(() =>
        {
            foreach (IBoardGame game in (ReadOnlySpan<IBoardGame>)[connectFour, gomoku, smallGomoku])
            {
                int cells = game.Spec.ActionCount;
                for (int episode = 0; episode < 10; episode++)
                {
                    game.Reset((ulong)episode);
                    while (!game.IsOver)
                    {
                        game.WriteObservation(observation.AsSpan(0, game.Spec.ObservationSize));
                        game.WriteLegalActions(mask.AsSpan(0, cells));
                        game.WriteSearchMoves(moves);
                        game.Heuristic();
                        _ = game.Winner;
                        game.Step(random.SelectAction(game));
                    }
                }
            }
        });

        Assert.Equal(0, bytes);
    }

    [Fact]
    public void ReferenceOpponentsSearchWithoutAllocating()
    {
        var connectFour = ConnectFour.FromMoves(3, 3, 2);
        var gomoku = new Gomoku();
        gomoku.Step(40);
        gomoku.Step(41);
        var ticTacToe = TicTacToe.FromMoves(4);
        foreach (IBoardGame game in new IBoardGame[] { connectFour, gomoku, ticTacToe })
        {
            // The warm-up move makes the opponents' buffers for this game; later moves reuse them.
            var alphaBeta = new AlphaBetaOpponent(3, 1);
            var mcts = new MctsOpponent(200, 2);
            long bytes = AllocatedBy(() =>
            {
                alphaBeta.SelectAction(game);
                mcts.SelectAction(game);
            });
            Assert.True(bytes == 0, $"{game.Spec.Name}: {bytes} bytes allocated");
        }
    }
}
