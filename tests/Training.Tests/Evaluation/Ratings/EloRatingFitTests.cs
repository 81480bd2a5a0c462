using MuZero.Randomness;
using MuZero.Training.Evaluation;
using MuZero.Training.Evaluation.Ratings;

namespace MuZero.Training.Tests.Evaluation.Ratings;

public sealed class EloRatingFitTests
{
    private const double C = 400 / 2.302585092994046; // Elo per natural log-odds unit

    private static PairwiseResults Results(string[] players, params (int I, int J, int W, int D, int L)[] games)
    {
        var results = new PairwiseResults(players);
        foreach (var (i, j, w, d, l) in games) results.Add(i, j, new WinDrawLoss(w, d, l));
        return results;
    }

    [Theory]
    [InlineData(30, 0, 10)]
    [InlineData(12, 6, 2)]
    [InlineData(1, 0, 3)]
    [InlineData(40, 55, 5)]
    public void TwoPlayersAreTheirScoresEloDifferenceApart(int w, int d, int l)
    {
        var results = Results(["a", "b"], (0, 1, w, d, l));
        double s = (w + 0.5 * d) / (w + d + l);
        double difference = 400 * Math.Log10(s / (1 - s));

        var anchored = EloRatingFit.Fit(results, RatingAnchor.Player("b"));
        Assert.Equal(difference, anchored.Players[0].Elo, 1e-8);
        Assert.Equal(0, anchored.Players[1].Elo);
        var mean = EloRatingFit.Fit(results, RatingAnchor.Mean);
        Assert.Equal(difference / 2, mean.Players[0].Elo, 1e-8);
        Assert.Equal(-difference / 2, mean.Players[1].Elo, 1e-8);

        // Delta method by hand: se(D) = c sqrt(v / n) / (s (1 - s)), with per-game variance v = s(1-s) - (D/N)/4 (at the
        // observed score the constrained draw rate is the plain D/N). The mean anchor halves it.
        int n = w + d + l;
        double v = s * (1 - s) - (double)d / n / 4;
        double se = C * Math.Sqrt(v / n) / (s * (1 - s));
        Assert.Equal(se, anchored.Players[0].StandardError, 1e-6);
        Assert.Equal(0, anchored.Players[1].StandardError);
        Assert.Equal(se / 2, mean.Players[0].StandardError, 1e-6);
        Assert.Equal(difference - ScoreInterval.Z95 * se, anchored.Players[0].Low, 1e-6);
        Assert.Equal(difference + ScoreInterval.Z95 * se, anchored.Players[0].High, 1e-6);
        Assert.Equal(new WinDrawLoss(w, d, l), anchored.Players[0].Counts);
        Assert.Equal(new WinDrawLoss(l, d, w), anchored.Players[1].Counts);
    }

    [Fact]
    public void WithoutDrawsTheIntervalIsTheInverseFisherInformation()
    {
        // 30-10: se = c / sqrt(n p (1 - p)) = 173.72 / sqrt(40 * 3/16) = 63.43 Elo.
        var fit = EloRatingFit.Fit(Results(["a", "b"], (0, 1, 30, 0, 10)), RatingAnchor.Player("b"));
        Assert.Equal(C / Math.Sqrt(7.5), fit.Players[0].StandardError, 1e-6);
        Assert.Equal(63.43, fit.Players[0].StandardError, 0.01);
    }

    [Fact]
    public void SymmetricResultsGiveEqualRatings()
    {
        // A rock-paper-scissors cycle, and all pairs even with draws: everyone at 0 with the same interval.
        foreach (var results in new[]
                 {
                     Results(["a", "b", "c"], (0, 1, 7, 0, 3), (1, 2, 7, 0, 3), (2, 0, 7, 0, 3)),
                     Results(["a", "b", "c", "d"], (0, 1, 4, 2, 4), (0, 2, 4, 2, 4), (0, 3, 4, 2, 4), (1, 2, 4, 2, 4), (1, 3, 4, 2, 4), (2, 3, 4, 2, 4)),
                 })
        {
            var fit = EloRatingFit.Fit(results, RatingAnchor.Mean);
            foreach (var player in fit.Players)
            {
                Assert.Equal(0, player.Elo, 1e-8);
                Assert.Equal(fit.Players[0].StandardError, player.StandardError, 1e-8);
                Assert.True(player.StandardError > 10);
                Assert.Equal(0.5, player.Score);
            }
        }
    }

    [Fact]
    public void TransitiveThreePlayersMatchTheOddsTheirResultsShow()
    {
        // Results that a Bradley-Terry model fits exactly: odds 2 for a over b and b over c, 4 for a over c. The maximum
        // likelihood then reproduces them: 400 log10 2 = 120.41 Elo between neighbours.
        var results = Results(["a", "b", "c"], (0, 1, 20, 0, 10), (1, 2, 20, 0, 10), (0, 2, 24, 0, 6));
        double step = 400 * Math.Log10(2);
        var mean = EloRatingFit.Fit(results, RatingAnchor.Mean);
        Assert.Equal([step, 0, -step], mean.Players.Select(p => p.Elo), (x, y) => Math.Abs(x - y) < 1e-8);
        var anchored = EloRatingFit.Fit(results, RatingAnchor.Player("c"));
        Assert.Equal([2 * step, step, 0], anchored.Players.Select(p => p.Elo), (x, y) => Math.Abs(x - y) < 1e-8);
        Assert.Equal((0.0, 0.0), (anchored.Players[2].Low, anchored.Players[2].High));
        Assert.Equal(new WinDrawLoss(44, 0, 16), mean.Players[0].Counts);
    }

    [Fact]
    public void MatchesAnIndependentMinorizationMaximizationFit()
    {
        // Hunter's (2004) MM iteration for Bradley-Terry, pi_i <- S_i / sum_j n_ij / (pi_i + pi_j), on random results of
        // five players with draws as half points; it converges to the same maximum by another route than Newton's.
        var rng = new Xoshiro256(11);
        var results = new SimulatedTournament([0, 80, -120, 200, 30], 0.3).Play(25, rng);
        int n = results.Count;
        var pi = Enumerable.Repeat(1.0, n).ToArray();
        for (int iteration = 0; iteration < 20000; iteration++)
            for (int i = 0; i < n; i++)
            {
                double denominator = 0;
                for (int j = 0; j < n; j++)
                    if (j != i) denominator += results[i, j].Games / (pi[i] + pi[j]);
                pi[i] = (results.Total(i).Wins + 0.5 * results.Total(i).Draws) / denominator;
            }
        double meanLog = pi.Average(Math.Log);
        var fit = EloRatingFit.Fit(results, RatingAnchor.Mean);
        for (int i = 0; i < n; i++) Assert.Equal(C * (Math.Log(pi[i]) - meanLog), fit.Players[i].Elo, 1e-6);
    }

    [Fact]
    public void TheAnchorShiftsRatingsButNotDifferences()
    {
        var results = new SimulatedTournament([0, 150, -50, 300], 0.2).Play(30, new Xoshiro256(5));
        var mean = EloRatingFit.Fit(results, RatingAnchor.Mean);
        Assert.Equal(0, mean.Players.Average(p => p.Elo), 1e-8);
        for (int a = 0; a < results.Count; a++)
        {
            var anchored = EloRatingFit.Fit(results, RatingAnchor.Player(results.Players[a]));
            Assert.Equal(0, anchored.Players[a].Elo);
            Assert.Equal(0, anchored.Players[a].StandardError);
            for (int i = 0; i < results.Count; i++)
            {
                // Relative to the anchor: the difference from the mean fit, with that difference's standard error.
                var (difference, se) = mean.Difference(i, a);
                Assert.Equal(difference, anchored.Players[i].Elo, 1e-8);
                Assert.Equal(se, anchored.Players[i].StandardError, 1e-8);
                for (int k = 0; k < results.Count; k++)
                    Assert.Equal(mean.Difference(i, k).StandardError, anchored.Difference(i, k).StandardError, 1e-8);
            }
        }
    }

    [Fact]
    public void IntervalsShrinkWithMoreGames()
    {
        // The same proportions from four times the games: the same ratings, half the standard errors (1 / sqrt(n)).
        var small = Results(["a", "b", "c"], (0, 1, 6, 2, 2), (1, 2, 5, 3, 2), (0, 2, 7, 2, 1));
        var large = Results(["a", "b", "c"], (0, 1, 24, 8, 8), (1, 2, 20, 12, 8), (0, 2, 28, 8, 4));
        var fitSmall = EloRatingFit.Fit(small, RatingAnchor.Mean);
        var fitLarge = EloRatingFit.Fit(large, RatingAnchor.Mean);
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(fitSmall.Players[i].Elo, fitLarge.Players[i].Elo, 1e-8);
            Assert.Equal(fitSmall.Players[i].StandardError / 2, fitLarge.Players[i].StandardError, 1e-8);
            Assert.True(fitLarge.Players[i].High - fitLarge.Players[i].Low < fitSmall.Players[i].High - fitSmall.Players[i].Low);
        }
    }

    [Theory]
    [InlineData(20, 0.0, 1000)]  // no draws, 20 games per pair
    [InlineData(40, 0.5, 1000)]  // half the games drawn: without the draw correction coverage would be about 99%
    public void CoverageOnSimulatedTournamentsIsNearNinetyFivePercent(int gamesPerPair, double drawRate, int tournaments)
    {
        var truth = new SimulatedTournament([0, 50, 150, 300], drawRate);
        var rng = new Xoshiro256(7);
        int covered = 0, coveredAnchored = 0, intervals = 0, anchoredIntervals = 0;
        for (int t = 0; t < tournaments; t++)
        {
            var results = truth.Play(gamesPerPair, rng);
            var mean = EloRatingFit.Fit(results, RatingAnchor.Mean);
            var anchored = EloRatingFit.Fit(results, RatingAnchor.Player("p0"));
            for (int i = 0; i < results.Count; i++)
            {
                intervals++;
                if (mean.Players[i].Low <= truth.TrueRating(i, -1) && truth.TrueRating(i, -1) <= mean.Players[i].High) covered++;
                if (i == 0) continue;
                anchoredIntervals++;
                if (anchored.Players[i].Low <= truth.TrueRating(i, 0) && truth.TrueRating(i, 0) <= anchored.Players[i].High) coveredAnchored++;
            }
        }
        Assert.InRange((double)covered / intervals, 0.935, 0.965);
        Assert.InRange((double)coveredAnchored / anchoredIntervals, 0.935, 0.965);
    }

    [Fact]
    public void APlayerWithAllWinsIsNamedOrRatedWithAPrior()
    {
        // a won every game, so its maximum-likelihood rating is +infinity: refused with one line naming it.
        var results = Results(["a", "b", "c"], (0, 1, 10, 0, 0), (0, 2, 8, 0, 0), (1, 2, 5, 0, 5));
        string? separation = EloRatingFit.Separation(results);
        Assert.Equal("no finite ratings: a won every game against b, c, so maximum likelihood puts it infinitely far above; add virtual draws (a prior) to rate them", separation);
        Assert.Equal(separation, Assert.Throws<ArgumentException>(() => EloRatingFit.Fit(results, RatingAnchor.Mean)).Message);

        // A player that lost every game leaves the others above it: they are named as a group.
        var bottom = Results(["a", "b", "c"], (0, 1, 0, 0, 6), (0, 2, 0, 0, 6), (1, 2, 3, 1, 2));
        Assert.StartsWith("no finite ratings: {b, c} won every game against a,", EloRatingFit.Separation(bottom));

        // One virtual draw per pair: 10-0 becomes a score of 10.5 / 11, exactly 400 log10 21 Elo.
        var two = Results(["a", "b"], (0, 1, 10, 0, 0));
        var prior = EloRatingFit.Fit(two, RatingAnchor.Player("b"), priorDraws: 1);
        Assert.Equal(400 * Math.Log10(21), prior.Players[0].Elo, 1e-8);
        Assert.Equal(1, prior.PriorDraws);
        Assert.Equal(new WinDrawLoss(10, 0, 0), prior.Players[0].Counts); // virtual games are not reported as played
        var three = EloRatingFit.Fit(results, RatingAnchor.Mean, priorDraws: 1);
        Assert.True(three.Players[0].Elo > three.Players[1].Elo + 200);
        Assert.All(three.Players, p => Assert.True(double.IsFinite(p.Low) && double.IsFinite(p.High) && p.High > p.Low));

        // Mixed results have finite ratings.
        Assert.Null(EloRatingFit.Separation(Results(["a", "b"], (0, 1, 9, 0, 1))));
        Assert.Null(EloRatingFit.Separation(Results(["a", "b"], (0, 1, 9, 1, 0))));
    }

    [Fact]
    public void APairThatDrewEveryGameStillHasAnInterval()
    {
        // The plug-in variance is 0 here; the pair's trinomial score interval (0.4815 .. 0.5185) sets it instead: ±12.9 Elo.
        var fit = EloRatingFit.Fit(Results(["a", "b"], (0, 1, 0, 100, 0)), RatingAnchor.Player("b"));
        Assert.Equal(0, fit.Players[0].Elo, 1e-9);
        var interval = ScoreInterval.Trinomial(new WinDrawLoss(0, 100, 0));
        double halfWidth = C * (interval.High - interval.Low) / 2 / 0.25; // the score half-width through the slope of the logit at 1/2
        Assert.Equal(halfWidth, fit.Players[0].High, 1e-6);
        Assert.InRange(fit.Players[0].High, 12.5, 13.2);
    }

    [Fact]
    public void BadInputIsOneClearLine()
    {
        var results = Results(["a", "b"], (0, 1, 3, 1, 2));
        Assert.Equal("anchor 'z' is not a player; players: a, b, or 'mean'",
            Assert.Throws<ArgumentException>(() => EloRatingFit.Fit(results, RatingAnchor.Player("z"))).Message);
        Assert.StartsWith("prior draws must be >= 0", Assert.Throws<ArgumentException>(() => EloRatingFit.Fit(results, RatingAnchor.Mean, -1)).Message);
        Assert.Equal("player 'c' has no games, so it cannot be rated",
            Assert.Throws<ArgumentException>(() => EloRatingFit.Fit(Results(["a", "b", "c"], (0, 1, 3, 1, 2)), RatingAnchor.Mean)).Message);
        Assert.Equal("players a, b played no games against c, d (not even through other players), so their ratings cannot be compared",
            Assert.Throws<ArgumentException>(() => EloRatingFit.Fit(Results(["a", "b", "c", "d"], (0, 1, 3, 1, 2), (2, 3, 1, 1, 1)), RatingAnchor.Mean)).Message);
        Assert.Equal("player 'a' is named twice", Assert.Throws<ArgumentException>(() => new PairwiseResults(["a", "b", "a"])).Message.Split(" (")[0]);
        Assert.StartsWith("a tournament needs at least two players", Assert.Throws<ArgumentException>(() => new PairwiseResults(["a"])).Message);
        Assert.StartsWith("player 'a' cannot play itself", Assert.Throws<ArgumentException>(() => results.Add(0, 0, new WinDrawLoss(1, 0, 0))).Message);
        Assert.StartsWith("win/draw/loss counts must be >= 0", Assert.Throws<ArgumentException>(() => results.Add(0, 1, new WinDrawLoss(-1, 0, 0))).Message);
    }

    [Fact]
    public void ResultsAreKeptFromBothSides()
    {
        var results = new PairwiseResults(["a", "b", "c"]);
        results.Add(0, 1, new WinDrawLoss(3, 1, 2));
        results.Add(1, 0, new WinDrawLoss(1, 0, 0));
        results.Add(2, 0, new WinDrawLoss(0, 2, 1));
        Assert.Equal(new WinDrawLoss(3, 1, 3), results[0, 1]);
        Assert.Equal(new WinDrawLoss(3, 1, 3), results[1, 0].Reversed());
        Assert.Equal(new WinDrawLoss(4, 3, 3), results.Total(0));
        Assert.Equal(2, results.IndexOf("c"));
        Assert.Equal(-1, results.IndexOf("d"));
    }
}
