namespace MuZero.Environments;

/// <summary>
/// Gymnasium CartPole-v1 with its exact constants and explicit Euler integration.
/// The state is kept in double precision (as Gymnasium does) and observed as float.
/// Unlike Gymnasium, stepping after the episode ended throws instead of warning.
/// </summary>
public sealed class CartPole : IEnvironment
{
    private const double Gravity = 9.8;
    private const double MassCart = 1.0;
    private const double MassPole = 0.1;
    private const double TotalMass = MassPole + MassCart;
    private const double HalfPoleLength = 0.5;
    private const double PoleMassLength = MassPole * HalfPoleLength;
    private const double ForceMagnitude = 10.0;
    private const double Tau = 0.02;
    private const double XThreshold = 2.4;
    private const double InitialStateBound = 0.05;

    /// <summary>Pole angle beyond which the episode terminates: 12 degrees, written as Gymnasium computes it.</summary>
    public const double ThetaThresholdRadians = 12 * 2 * Math.PI / 360;

    /// <summary>Action that pushes the cart to the left.</summary>
    public const int PushLeft = 0;

    /// <summary>Action that pushes the cart to the right.</summary>
    public const int PushRight = 1;

    private static readonly EnvironmentSpec SharedSpec = new("cartpole", [4], ActionCount: 2, PlayerCount: 1, MaxEpisodeSteps: 500);

    private bool _terminated;
    private bool _truncated;

    /// <summary>Creates the environment already reset with seed 0.</summary>
    public CartPole() => Reset(0);

    /// <inheritdoc />
    public EnvironmentSpec Spec => SharedSpec;

    /// <inheritdoc />
    public int ToPlay => 0;

    /// <inheritdoc />
    public int StepCount { get; private set; }

    /// <inheritdoc />
    public bool IsOver => _terminated || _truncated;

    /// <summary>Cart position.</summary>
    public double X { get; private set; }

    /// <summary>Cart velocity.</summary>
    public double XDot { get; private set; }

    /// <summary>Pole angle in radians (0 is upright).</summary>
    public double Theta { get; private set; }

    /// <summary>Pole angular velocity.</summary>
    public double ThetaDot { get; private set; }

    /// <inheritdoc />
    public void Reset(ulong seed)
    {
        var random = new SplitMix64(seed);
        double x = random.NextDouble(-InitialStateBound, InitialStateBound);
        double xDot = random.NextDouble(-InitialStateBound, InitialStateBound);
        double theta = random.NextDouble(-InitialStateBound, InitialStateBound);
        double thetaDot = random.NextDouble(-InitialStateBound, InitialStateBound);
        SetState(x, xDot, theta, thetaDot);
    }

    /// <summary>Starts a fresh episode (step count 0) from the given physical state; for tests and analysis.</summary>
    public void SetState(double x, double xDot, double theta, double thetaDot)
    {
        (X, XDot, Theta, ThetaDot) = (x, xDot, theta, thetaDot);
        StepCount = 0;
        _terminated = false;
        _truncated = false;
    }

    /// <inheritdoc />
    public void WriteObservation(Span<float> destination)
    {
        if (destination.Length != 4) throw new ArgumentException($"Observation needs 4 floats, got {destination.Length}.", nameof(destination));
        destination[0] = (float)X;
        destination[1] = (float)XDot;
        destination[2] = (float)Theta;
        destination[3] = (float)ThetaDot;
    }

    /// <inheritdoc />
    public void WriteLegalActions(Span<bool> destination)
    {
        if (destination.Length != 2) throw new ArgumentException($"Legal-action mask needs 2 entries, got {destination.Length}.", nameof(destination));
        destination[0] = !IsOver;
        destination[1] = !IsOver;
    }

    /// <inheritdoc />
    public bool IsLegal(int action) => !IsOver && action is (PushLeft or PushRight);

    /// <inheritdoc />
    public StepResult Step(int action)
    {
        if (action is not (PushLeft or PushRight))
            throw new IllegalActionException($"CartPole action {action} is out of range; expected 0 (push left) or 1 (push right).");
        if (IsOver)
            throw new IllegalActionException($"CartPole action {action} was played after the episode ended; call Reset first.");

        double force = action == PushRight ? ForceMagnitude : -ForceMagnitude;
        double cosTheta = Math.Cos(Theta);
        double sinTheta = Math.Sin(Theta);
        double temp = (force + PoleMassLength * ThetaDot * ThetaDot * sinTheta) / TotalMass;
        double thetaAcc = (Gravity * sinTheta - cosTheta * temp)
            / (HalfPoleLength * (4.0 / 3.0 - MassPole * cosTheta * cosTheta / TotalMass));
        double xAcc = temp - PoleMassLength * thetaAcc * cosTheta / TotalMass;

        // Explicit Euler in Gymnasium's order: positions advance with the old velocities.
        X += Tau * XDot;
        XDot += Tau * xAcc;
        Theta += Tau * ThetaDot;
        ThetaDot += Tau * thetaAcc;

        StepCount++;
        _terminated = X < -XThreshold || X > XThreshold || Theta < -ThetaThresholdRadians || Theta > ThetaThresholdRadians;
        _truncated = !_terminated && StepCount >= SharedSpec.MaxEpisodeSteps;
        // Gymnasium pays 1 on every step, including the one on which the pole falls.
        return new StepResult(1f, _terminated, _truncated);
    }
}
