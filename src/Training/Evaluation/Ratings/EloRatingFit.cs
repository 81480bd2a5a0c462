namespace MuZero.Training.Evaluation.Ratings;

/// <summary>
/// Elo ratings from the pairwise results of a tournament: the maximum-likelihood Bradley-Terry fit with draws counted as
/// half a win and half a loss, on the Elo scale, anchored, with confidence intervals from the observed information.
/// </summary>
/// <remarks>
/// <para>
/// <b>Model.</b> Player i beats player j with the logistic Elo probability p_ij = 1 / (1 + 10^(-(r_i - r_j)/400)), read
/// as its expected score per game. The log-likelihood sum over pairs of S_ij ln p_ij + S_ji ln p_ji, with S_ij = wins +
/// draws / 2 of i against j, is maximised by Newton's method (it is concave; a halving line search keeps each step
/// uphill). Why half points rather than a model with a draw parameter (Davidson 1970, Rao-Kupper): the rating
/// difference then means what Elo means, an expected score, so two players with score s get exactly
/// 400 log10(s / (1 - s)) apart, the difference <c>muzero evaluate</c> reports for the same games; a draw model changes
/// that mapping with the draw rate (Davidson's gives 400 log10(W / L), which ignores the draws), and it needs a draw
/// parameter that differs between game pairs (strong TicTacToe players draw nearly always, weak ones seldom). What the
/// half-point likelihood gets wrong about draws, the variance, is put right in the intervals below.
/// </para>
/// <para>
/// <b>Intervals.</b> Normal intervals r ± z se from the sandwich covariance H⁻¹ J H⁻¹ of the estimating equations:
/// H is the observed information of the half-point likelihood (weights n_ij p_ij (1 - p_ij)) and J the variance of its
/// score, with per-game variance p_ij (1 - p_ij) - d_ij / 4, d_ij the draw probability (the maximum-likelihood draw rate
/// of the pair among trinomials with the fitted score, as in <see cref="ScoreInterval"/>). Without draws J = H and this
/// is the inverse Fisher information; with draws it is narrower, as it should be, where the plain information would
/// over-cover. Why not a parametric bootstrap: the information is exact arithmetic (no resampling seed, no waiting),
/// and a bootstrap replays the fitted model, so it would need the same draw model and adds only a Monte Carlo error;
/// resamples of lopsided pairs can also win every game, where the refit has no finite maximum. The normal
/// approximation is on the rating (log-odds) scale, where it holds well; simulated tournaments check the coverage
/// (EloRatingFitTests). It is least accurate for pairs with few games and extreme scores, where the asymmetric
/// trinomial score interval of <c>muzero evaluate</c> is the better two-player statement.
/// </para>
/// <para>
/// <b>Existence.</b> A finite maximum exists exactly when the "took a point from" graph is strongly connected (Zermelo,
/// Ford): a group of players that no outsider took a single point from (they won every game against the rest) would
/// have ratings that grow without bound. Then the fit refuses with one line naming the group, unless a prior of virtual
/// draws is given: <c>priorDraws</c> draws added to every pair that played, which is the Bayesian prior of that
/// many drawn games and keeps every rating finite. The anchor (<see cref="RatingAnchor"/>) fixes the zero.
/// </para>
/// </remarks>
public static class EloRatingFit
{
    /// <summary>Elo points per natural-log unit of odds: 400 / ln 10.</summary>
    public const double EloPerLogOdds = 400 / 2.302585092994046;

    /// <summary>Name of the method, as reports print it.</summary>
    public const string Method = "Bradley-Terry maximum likelihood, draws as half points; intervals from the observed information (sandwich, draw-corrected)";

    private const int MaxIterations = 200;

    /// <summary>
    /// Fits ratings to <paramref name="results"/>: anchored at <paramref name="anchor"/>, with <paramref name="priorDraws"/>
    /// virtual draws added to every pair that played, and intervals r ± <paramref name="z"/> se.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// A player without games, players split into groups that never met, an anchor that names no player, a negative
    /// prior, a non-positive z, or (without a prior) results whose maximum-likelihood ratings are infinite (<see cref="Separation"/>).
    /// </exception>
    public static EloRatings Fit(PairwiseResults results, RatingAnchor anchor, int priorDraws = 0, double z = ScoreInterval.Z95)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(anchor);
        if (priorDraws < 0) throw new ArgumentException($"prior draws must be >= 0, got {priorDraws}", nameof(priorDraws));
        if (!(z > 0) || double.IsInfinity(z)) throw new ArgumentException($"z must be positive and finite, got {z}", nameof(z));
        int n = results.Count;
        int anchorIndex = -1;
        if (anchor.PlayerName is { } name)
        {
            anchorIndex = results.IndexOf(name);
            if (anchorIndex < 0) throw new ArgumentException($"anchor '{name}' is not a player; players: {string.Join(", ", results.Players)}, or '{RatingAnchor.MeanName}'");
        }
        if (Disconnection(results) is { } disconnected) throw new ArgumentException(disconnected);
        if (priorDraws == 0 && Separation(results) is { } separated) throw new ArgumentException(separated);

        // The pair counts the likelihood sees: real games plus the prior's virtual draws.
        var counts = new WinDrawLoss[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                counts[i, j] = results[i, j].Games == 0 ? default : results[i, j] + new WinDrawLoss(0, priorDraws, 0);

        // Player 0's log-odds rating is held at 0 while fitting (the likelihood sees only differences); the anchor is applied after.
        var theta = new double[n];
        int iterations = 0;
        for (; ; iterations++)
        {
            if (iterations == MaxIterations)
                throw new InvalidOperationException($"the rating fit did not converge in {MaxIterations} Newton iterations");
            var (gradient, information) = GradientAndInformation(counts, theta);
            var factor = DenseCholesky.TryFactor(information)
                         ?? throw new InvalidOperationException("the rating fit's information matrix is singular although the players are connected");
            var step = factor.Solve(gradient);
            double before = LogLikelihood(counts, theta);
            var trial = new double[n];
            double scale = 1;
            for (int halvings = 0; ; halvings++)
            {
                for (int i = 1; i < n; i++) trial[i] = theta[i] + scale * step[i - 1];
                if (LogLikelihood(counts, trial) >= before - 1e-12 * Math.Abs(before) || halvings == 60) break;
                scale /= 2;
            }
            double largest = 0;
            for (int i = 1; i < n; i++) largest = Math.Max(largest, Math.Abs(trial[i] - theta[i]));
            theta = trial;
            if (largest < 1e-11) break;
        }

        var covariance = LogOddsCovariance(counts, theta);
        // The anchor as weights w (the anchored player's unit vector, or 1/n each): r = c (theta - w·theta 1), so
        // Cov(r_i, r_k) = c² (S_ik - (S w)_i - (S w)_k + wᵀ S w) for the covariance S of theta.
        var weights = new double[n];
        if (anchorIndex >= 0) weights[anchorIndex] = 1;
        else Array.Fill(weights, 1.0 / n);
        double anchorTheta = 0;
        for (int i = 0; i < n; i++) anchorTheta += weights[i] * theta[i];
        var sw = new double[n];
        double wsw = 0;
        for (int i = 0; i < n; i++)
        {
            for (int k = 0; k < n; k++) sw[i] += covariance[i, k] * weights[k];
            wsw += weights[i] * sw[i];
        }
        var anchored = new double[n, n];
        var players = new PlayerRating[n];
        for (int i = 0; i < n; i++)
        {
            for (int k = 0; k < n; k++)
                anchored[i, k] = EloPerLogOdds * EloPerLogOdds * (covariance[i, k] - sw[i] - sw[k] + wsw);
            // The anchored player's variance is exactly 0; rounding would otherwise leave a tiny negative or positive one.
            double variance = i == anchorIndex ? 0 : Math.Max(0, anchored[i, i]);
            double elo = i == anchorIndex ? 0 : EloPerLogOdds * (theta[i] - anchorTheta);
            double standardError = Math.Sqrt(variance);
            players[i] = new PlayerRating(results.Players[i], elo, standardError, elo - z * standardError, elo + z * standardError, results.Total(i));
        }
        return new EloRatings(players, anchored, anchor, priorDraws, z, iterations + 1);
    }

    /// <summary>
    /// Why <paramref name="results"/> have no finite maximum-likelihood ratings, as one line naming the players who won
    /// every game against the rest; null when the ratings are finite (every group of players took at least a draw off
    /// some player outside it).
    /// </summary>
    public static string? Separation(PairwiseResults results)
    {
        ArgumentNullException.ThrowIfNull(results);
        int n = results.Count;
        // Edge j -> i when j took a point (a win or a draw) from i. A group closed under incoming edges, one that no
        // outsider took a point from, is the set of players that can reach some player i, plus i itself; the smallest
        // such group is named.
        List<int>? smallest = null;
        for (int i = 0; i < n; i++)
        {
            var group = Reaching(results, i);
            if (group.Count < n && (smallest is null || group.Count < smallest.Count)) smallest = group;
        }
        if (smallest is null) return null;
        var inside = smallest.ToHashSet();
        var beaten = Enumerable.Range(0, n).Where(j => !inside.Contains(j) && smallest.Any(i => results[i, j].Games > 0)).ToList();
        string who = smallest.Count == 1 ? results.Players[smallest[0]] : $"{{{Names(results, smallest)}}}";
        return $"no finite ratings: {who} won every game against {Names(results, beaten)}, so maximum likelihood puts " +
               $"{(smallest.Count == 1 ? "it" : "them")} infinitely far above; add virtual draws (a prior) to rate them";
    }

    /// <summary>One line naming the groups of players that never met, or null when every player is linked to every other by games.</summary>
    private static string? Disconnection(PairwiseResults results)
    {
        int n = results.Count;
        for (int i = 0; i < n; i++)
            if (results.Total(i).Games == 0) return $"player '{results.Players[i]}' has no games, so it cannot be rated";
        var seen = new bool[n];
        var stack = new Stack<int>([0]);
        seen[0] = true;
        while (stack.Count > 0)
        {
            int i = stack.Pop();
            for (int j = 0; j < n; j++)
            {
                if (seen[j] || results[i, j].Games == 0) continue;
                seen[j] = true;
                stack.Push(j);
            }
        }
        if (Array.TrueForAll(seen, s => s)) return null;
        var linked = Enumerable.Range(0, n).Where(i => seen[i]).ToList();
        var apart = Enumerable.Range(0, n).Where(i => !seen[i]).ToList();
        return $"players {Names(results, linked)} played no games against {Names(results, apart)} (not even through other players), so their ratings cannot be compared";
    }

    /// <summary>Player <paramref name="target"/> and every player with a path of "took a point from" edges to it.</summary>
    private static List<int> Reaching(PairwiseResults results, int target)
    {
        int n = results.Count;
        var seen = new bool[n];
        var stack = new Stack<int>([target]);
        seen[target] = true;
        var group = new List<int>();
        while (stack.Count > 0)
        {
            int i = stack.Pop();
            group.Add(i);
            for (int j = 0; j < n; j++)
            {
                var fromJ = results[j, i];
                if (seen[j] || fromJ.Wins + fromJ.Draws == 0) continue;
                seen[j] = true;
                stack.Push(j);
            }
        }
        group.Sort();
        return group;
    }

    private static string Names(PairwiseResults results, IEnumerable<int> players) => string.Join(", ", players.Select(i => results.Players[i]));

    /// <summary>The expected score of a player rated <paramref name="difference"/> log-odds units above its opponent.</summary>
    private static double Expected(double difference) => 1 / (1 + Math.Exp(-difference));

    /// <summary>Sum over pairs of S_ij ln p_ij, written with softplus so that large differences do not overflow.</summary>
    private static double LogLikelihood(WinDrawLoss[,] counts, double[] theta)
    {
        int n = theta.Length;
        double sum = 0;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                var c = counts[i, j];
                if (i == j || c.Games == 0) continue;
                double x = theta[i] - theta[j];
                double points = c.Wins + 0.5 * c.Draws;
                // ln p = -softplus(-x) = -(max(-x, 0) + ln(1 + e^-|x|))
                sum -= points * (Math.Max(-x, 0) + Math.Log(1 + Math.Exp(-Math.Abs(x))));
            }
        return sum;
    }

    /// <summary>
    /// The gradient of the log-likelihood ([n - 1]) and its observed information, minus the Hessian ([n - 1, n - 1]),
    /// over the free players 1..n-1 (player 0 is held at 0).
    /// </summary>
    private static (double[] Gradient, double[,] Information) GradientAndInformation(WinDrawLoss[,] counts, double[] theta)
    {
        int n = theta.Length;
        var gradient = new double[n - 1];
        var information = new double[n - 1, n - 1];
        for (int i = 1; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                var c = counts[i, j];
                if (i == j || c.Games == 0) continue;
                double p = Expected(theta[i] - theta[j]);
                gradient[i - 1] += c.Wins + 0.5 * c.Draws - c.Games * p;
                double weight = c.Games * p * (1 - p);
                information[i - 1, i - 1] += weight;
                if (j > 0) information[i - 1, j - 1] -= weight;
            }
        return (gradient, information);
    }

    /// <summary>The per-game score variance that makes a normal interval as wide as the pair's trinomial score interval: N ((high - low) / 2z)².</summary>
    private static double PairVarianceFromScoreInterval(WinDrawLoss counts)
    {
        var interval = ScoreInterval.Trinomial(counts);
        double half = (interval.High - interval.Low) / (2 * ScoreInterval.Z95);
        return counts.Games * half * half;
    }

    /// <summary>
    /// Covariance of the log-odds ratings ([n, n], player 0 held at 0 so its row and column are 0): H⁻¹ J H⁻¹ over the
    /// free players, H the observed information and J the variance of the score with the draw-corrected per-game variance.
    /// </summary>
    private static double[,] LogOddsCovariance(WinDrawLoss[,] counts, double[] theta)
    {
        int n = theta.Length, m = n - 1;
        var (_, information) = GradientAndInformation(counts, theta);
        var scoreVariance = new double[m, m];
        for (int i = 1; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                var c = counts[i, j];
                if (i == j || c.Games == 0) continue;
                double p = Expected(theta[i] - theta[j]);
                double perGame = Math.Max(0, p * (1 - p) - ScoreInterval.DrawRateAtScore(c, p) / 4);
                // A pair that drew every game has a plug-in draw rate of 1 and, at equal ratings, a variance of 0, which
                // would claim certainty; it gets at least the variance its own trinomial score interval implies, which
                // does not collapse (0/100/0: about ±13 Elo, as evaluate reports for those games).
                if (c.Wins + c.Losses == 0) perGame = Math.Max(perGame, PairVarianceFromScoreInterval(c));
                double weight = c.Games * perGame;
                scoreVariance[i - 1, i - 1] += weight;
                if (j > 0) scoreVariance[i - 1, j - 1] -= weight;
            }
        var inverse = DenseCholesky.TryFactor(information)!.Inverse();
        var covariance = new double[n, n];
        // H⁻¹ J H⁻¹ in two products of [m, m] matrices.
        var left = new double[m, m];
        for (int i = 0; i < m; i++)
            for (int k = 0; k < m; k++)
            {
                double sum = 0;
                for (int l = 0; l < m; l++) sum += inverse[i, l] * scoreVariance[l, k];
                left[i, k] = sum;
            }
        for (int i = 0; i < m; i++)
            for (int k = 0; k < m; k++)
            {
                double sum = 0;
                for (int l = 0; l < m; l++) sum += left[i, l] * inverse[l, k];
                covariance[i + 1, k + 1] = sum;
            }
        return covariance;
    }
}
