namespace MuZero.Environments.Tests;

public sealed class OpponentTests
{
    /// <summary>Plays one game and returns the winner (0, 1) or -1 for a draw.</summary>
    private static int PlayGame(IOpponent first, IOpponent second)
    {
        var game = new TicTacToe();
        while (!game.IsOver)
        {
            var mover = game.ToPlay == 0 ? first : second;
            int action = mover.SelectAction(game);
            Assert.True(game.IsLegal(action));
            game.Step(action);
        }
        return game.Winner ?? -1;
    }

    [Fact]
    public void PerfectPlayerNeverLosesToRandomPlayer()
    {
        int perfectWins = 0;
        for (ulong seed = 0; seed < 100; seed++)
        {
            int asX = PlayGame(new PerfectTicTacToePlayer(seed), new RandomOpponent(seed + 1000));
            int asO = PlayGame(new RandomOpponent(seed + 2000), new PerfectTicTacToePlayer(seed + 3000));
            Assert.NotEqual(1, asX);
            Assert.NotEqual(0, asO);
            perfectWins += (asX == 0 ? 1 : 0) + (asO == 1 ? 1 : 0);
        }
        // A random opponent blunders often; a "perfect" player that only drew would be suspicious.
        Assert.True(perfectWins > 100, $"perfect player won only {perfectWins} of 200 games");
    }

    [Fact]
    public void PerfectPlayersAlwaysDrawEachOther()
    {
        for (ulong seed = 0; seed < 50; seed++)
        {
            Assert.Equal(-1, PlayGame(new PerfectTicTacToePlayer(seed), new PerfectTicTacToePlayer(seed + 500)));
        }
    }

    [Fact]
    public void PerfectPlayerVariesItsOpeningAcrossSeeds()
    {
        var openings = new HashSet<int>();
        for (ulong seed = 0; seed < 60; seed++)
        {
            openings.Add(new PerfectTicTacToePlayer(seed).SelectAction(new TicTacToe()));
        }
        Assert.True(openings.Count >= 6, $"only {openings.Count} distinct openings");
    }

    [Fact]
    public void PerfectPlayerPicksOnlyOptimalMovesIncludingSlowerWins()
    {
        var chosen = new HashSet<int>();
        for (ulong seed = 0; seed < 40; seed++)
        {
            chosen.Add(new PerfectTicTacToePlayer(seed).SelectAction(TicTacToe.FromPosition("XX./.../O.O")));
        }
        Assert.Equal(new HashSet<int> { 2, 7 }, chosen);
    }

    [Fact]
    public void PerfectPlayerIsDeterministicPerSeedAndLeavesTheGameUntouched()
    {
        var game = TicTacToe.FromMoves(4);
        var a = new PerfectTicTacToePlayer(9);
        var b = new PerfectTicTacToePlayer(9);
        for (int i = 0; i < 20; i++) Assert.Equal(a.SelectAction(game), b.SelectAction(game));
        Assert.Equal(".../.X./...", game.ToString());
        Assert.Equal("perfect", a.Name);
    }

    [Fact]
    public void PerfectPlayerRejectsOtherGamesAndFinishedGames()
    {
        var player = new PerfectTicTacToePlayer(1);
        Assert.Throws<ArgumentException>(() => player.SelectAction(new CartPole()));
        Assert.Throws<InvalidOperationException>(() => player.SelectAction(TicTacToe.FromMoves(0, 3, 1, 4, 2)));
    }

    [Fact]
    public void RandomOpponentIsUniformOverLegalActionsAndSeeded()
    {
        var game = TicTacToe.FromMoves(0, 4, 8); // legal: 1, 2, 3, 5, 6, 7
        var random = new RandomOpponent(5);
        var counts = new int[9];
        for (int i = 0; i < 6000; i++) counts[random.SelectAction(game)]++;
        foreach (int cell in new[] { 0, 4, 8 }) Assert.Equal(0, counts[cell]);
        foreach (int cell in new[] { 1, 2, 3, 5, 6, 7 }) Assert.InRange(counts[cell], 850, 1150);

        var a = new RandomOpponent(77);
        var b = new RandomOpponent(77);
        var c = new RandomOpponent(78);
        int[] fromA = Enumerable.Range(0, 30).Select(_ => a.SelectAction(game)).ToArray();
        int[] fromB = Enumerable.Range(0, 30).Select(_ => b.SelectAction(game)).ToArray();
        int[] fromC = Enumerable.Range(0, 30).Select(_ => c.SelectAction(game)).ToArray();
        Assert.Equal(fromA, fromB);
        Assert.NotEqual(fromA, fromC);
        Assert.Equal("random", a.Name);
    }

    [Fact]
    public void RandomOpponentPlaysCartPoleAndRefusesFinishedEpisodes()
    {
        var env = new CartPole();
        var random = new RandomOpponent(3);
        var seen = new HashSet<int>();
        for (int i = 0; i < 50; i++) seen.Add(random.SelectAction(env));
        Assert.Equal(new HashSet<int> { 0, 1 }, seen);

        env.SetState(2.4, 1, 0, 0);
        env.Step(1);
        Assert.Throws<InvalidOperationException>(() => random.SelectAction(env));
    }
}
