namespace MuZero.Training.Evaluation.Ratings;

/// <summary>
/// Cholesky factorisation A = L Lᵀ of a small symmetric positive definite matrix, for the Newton steps and the
/// covariance of <see cref="EloRatingFit"/> (one row and column per player, so dozens at most).
/// </summary>
internal sealed class DenseCholesky
{
    private readonly double[,] _lower; // [n, n], L; the upper triangle is unused

    private DenseCholesky(double[,] lower) => _lower = lower;

    /// <summary>Dimension.</summary>
    public int Size => _lower.GetLength(0);

    /// <summary>Factorises <paramref name="matrix"/> ([n, n], symmetric; only its lower triangle is read); null when it is not positive definite.</summary>
    public static DenseCholesky? TryFactor(double[,] matrix)
    {
        int n = matrix.GetLength(0);
        var lower = new double[n, n];
        for (int j = 0; j < n; j++)
        {
            double diagonal = matrix[j, j];
            for (int k = 0; k < j; k++) diagonal -= lower[j, k] * lower[j, k];
            if (!(diagonal > 0)) return null;
            double pivot = Math.Sqrt(diagonal);
            lower[j, j] = pivot;
            for (int i = j + 1; i < n; i++)
            {
                double sum = matrix[i, j];
                for (int k = 0; k < j; k++) sum -= lower[i, k] * lower[j, k];
                lower[i, j] = sum / pivot;
            }
        }
        return new DenseCholesky(lower);
    }

    /// <summary>x with A x = <paramref name="right"/> ([n]).</summary>
    public double[] Solve(ReadOnlySpan<double> right)
    {
        int n = Size;
        var x = right.ToArray();
        for (int i = 0; i < n; i++)
        {
            for (int k = 0; k < i; k++) x[i] -= _lower[i, k] * x[k];
            x[i] /= _lower[i, i];
        }
        for (int i = n - 1; i >= 0; i--)
        {
            for (int k = i + 1; k < n; k++) x[i] -= _lower[k, i] * x[k];
            x[i] /= _lower[i, i];
        }
        return x;
    }

    /// <summary>A⁻¹ ([n, n]).</summary>
    public double[,] Inverse()
    {
        int n = Size;
        var inverse = new double[n, n];
        var unit = new double[n];
        for (int j = 0; j < n; j++)
        {
            Array.Clear(unit);
            unit[j] = 1;
            var column = Solve(unit);
            for (int i = 0; i < n; i++) inverse[i, j] = column[i];
        }
        return inverse;
    }
}
