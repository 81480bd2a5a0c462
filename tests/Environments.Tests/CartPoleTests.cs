namespace MuZero.Environments.Tests;

public sealed class CartPoleTests
{
    // Gymnasium CartPole-v1 constants, written out independently of the implementation.
    private const double Gravity = 9.8, MassPole = 0.1, TotalMass = 1.1, Length = 0.5, PoleMassLength = 0.05, ForceMag = 10.0, Tau = 0.02;
    private const double ThetaThreshold = 12 * 2 * Math.PI / 360;

    private static (double X, double XDot, double Theta, double ThetaDot) EulerStep(double x, double xDot, double theta, double thetaDot, int action)
    {
        double force = action == 1 ? ForceMag : -ForceMag;
        double cos = Math.Cos(theta), sin = Math.Sin(theta);
        double temp = (force + PoleMassLength * thetaDot * thetaDot * sin) / TotalMass;
        double thetaAcc = (Gravity * sin - cos * temp) / (Length * (4.0 / 3.0 - MassPole * cos * cos / TotalMass));
        double xAcc = temp - PoleMassLength * thetaAcc * cos / TotalMass;
        return (x + Tau * xDot, xDot + Tau * xAcc, theta + Tau * thetaDot, thetaDot + Tau * thetaAcc);
    }

    private static float[] Observe(CartPole env)
    {
        var observation = new float[4];
        env.WriteObservation(observation);
        return observation;
    }

    [Theory]
    // Literal values from a float64 reference run of Gymnasium's step formula for state (0.1, -0.2, 0.05, 0.3).
    [InlineData(1, 0.096, -0.005625065781779709, 0.056, 0.02349585151852651)]
    [InlineData(0, 0.096, -0.3957976546439626, 0.056, 0.6080233136061515)]
    public void StepMatchesHandComputedEulerUpdate(int action, double x, double xDot, double theta, double thetaDot)
    {
        var env = new CartPole();
        env.SetState(0.1, -0.2, 0.05, 0.3);

        var result = env.Step(action);

        var expected = EulerStep(0.1, -0.2, 0.05, 0.3, action);
        Assert.Equal(expected.X, x, 12);
        Assert.Equal(expected.XDot, xDot, 12);
        Assert.Equal(expected.Theta, theta, 12);
        Assert.Equal(expected.ThetaDot, thetaDot, 12);
        Assert.Equal(x, env.X, 12);
        Assert.Equal(xDot, env.XDot, 12);
        Assert.Equal(theta, env.Theta, 12);
        Assert.Equal(thetaDot, env.ThetaDot, 12);
        Assert.Equal([(float)x, (float)xDot, (float)theta, (float)thetaDot], Observe(env));
        Assert.Equal(new StepResult(1f, false, false), result);
        Assert.Equal(1, env.StepCount);
    }

    [Fact]
    public void SeveralStepsFollowTheEulerRecurrence()
    {
        var env = new CartPole();
        env.SetState(-0.03, 0.4, -0.02, -0.1);
        var state = (X: -0.03, XDot: 0.4, Theta: -0.02, ThetaDot: -0.1);
        int[] actions = [1, 1, 0, 1, 0, 0, 1];
        foreach (int action in actions)
        {
            env.Step(action);
            state = EulerStep(state.X, state.XDot, state.Theta, state.ThetaDot, action);
        }
        Assert.Equal(state.X, env.X, 12);
        Assert.Equal(state.XDot, env.XDot, 12);
        Assert.Equal(state.Theta, env.Theta, 12);
        Assert.Equal(state.ThetaDot, env.ThetaDot, 12);
    }

    [Fact]
    public void ThetaThresholdIsTwelveDegrees()
    {
        Assert.Equal(0.20943951023931953, CartPole.ThetaThresholdRadians, 15);
    }

    [Theory]
    // Positions advance with the old velocity, so zero velocity keeps a boundary value exactly.
    [InlineData(2.4, 0.0, 0.0, false)]
    [InlineData(-2.4, 0.0, 0.0, false)]
    [InlineData(2.4, 0.001, 0.0, true)]
    [InlineData(-2.4, -0.001, 0.0, true)]
    [InlineData(0.0, 0.0, 0.001, true)]
    [InlineData(0.0, 0.0, -0.001, true)]
    public void TerminatesStrictlyBeyondThresholds(double x, double xDot, double thetaDot, bool expectTerminated)
    {
        var env = new CartPole();
        double theta = thetaDot == 0 ? 0.0 : Math.Sign(thetaDot) * ThetaThreshold;
        env.SetState(x, xDot, theta, thetaDot);

        var result = env.Step(1);

        Assert.Equal(expectTerminated, result.Terminated);
        Assert.False(result.Truncated);
        Assert.Equal(1f, result.Reward); // the terminating step pays too
        Assert.Equal(expectTerminated, env.IsOver);
    }

    [Fact]
    public void ThetaExactlyAtThresholdDoesNotTerminate()
    {
        var env = new CartPole();
        env.SetState(0, 0, ThetaThreshold, 0);
        Assert.False(env.Step(0).Terminated);
    }

    [Fact]
    public void StepAfterTerminationThrowsAndKeepsState()
    {
        var env = new CartPole();
        env.SetState(2.4, 1.0, 0, 0);
        Assert.True(env.Step(1).Terminated);
        var before = Observe(env);

        var error = Assert.Throws<IllegalActionException>(() => env.Step(0));
        Assert.Contains("0", error.Message);
        Assert.Equal(before, Observe(env));
        Assert.False(env.IsLegal(0));
        var mask = new bool[2];
        env.WriteLegalActions(mask);
        Assert.Equal([false, false], mask);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(2)]
    public void OutOfRangeActionThrows(int action)
    {
        var env = new CartPole();
        var error = Assert.Throws<IllegalActionException>(() => env.Step(action));
        Assert.Contains(action.ToString(), error.Message);
        Assert.Equal(0, env.StepCount);
        Assert.False(env.IsLegal(action));
    }

    [Theory]
    [InlineData(1UL)]
    [InlineData(42UL)]
    [InlineData(12345UL)]
    public void BalancingPolicyIsTruncatedAtExactly500StepsWithRewardOneEachStep(ulong seed)
    {
        var env = new CartPole();
        env.Reset(seed);
        double totalReward = 0;
        for (int step = 1; step <= 500; step++)
        {
            // Linear state feedback that keeps the pole up and the cart near the centre.
            int action = 0.1 * env.X + 0.5 * env.XDot + env.Theta + 0.5 * env.ThetaDot > 0 ? 1 : 0;
            var result = env.Step(action);
            totalReward += result.Reward;
            Assert.Equal(1f, result.Reward);
            Assert.False(result.Terminated);
            Assert.Equal(step == 500, result.Truncated);
        }
        Assert.Equal(500.0, totalReward);
        Assert.True(env.IsOver);
        Assert.Equal(500, env.StepCount);
        Assert.Throws<IllegalActionException>(() => env.Step(1));
    }

    [Fact]
    public void ConstantPushFallsWellBefore500Steps()
    {
        var env = new CartPole();
        env.Reset(7);
        int steps = 0;
        StepResult result;
        do { result = env.Step(1); steps++; } while (!result.Done);
        Assert.True(result.Terminated);
        Assert.False(result.Truncated);
        Assert.InRange(steps, 5, 50);
    }

    [Fact]
    public void ResetIsDeterministicPerSeedAndWithinBounds()
    {
        var a = new CartPole();
        var b = new CartPole();
        a.Reset(99);
        b.Reset(99);
        Assert.Equal(Observe(a), Observe(b));
        Assert.Equal((a.X, a.XDot, a.Theta, a.ThetaDot), (b.X, b.XDot, b.Theta, b.ThetaDot));

        b.Reset(100);
        Assert.NotEqual(Observe(a), Observe(b));

        var distinct = new HashSet<double>();
        for (ulong seed = 0; seed < 200; seed++)
        {
            a.Reset(seed);
            foreach (double value in new[] { a.X, a.XDot, a.Theta, a.ThetaDot })
            {
                Assert.InRange(value, -0.05, 0.05);
                distinct.Add(value);
            }
            Assert.Equal(0, a.StepCount);
            Assert.False(a.IsOver);
        }
        Assert.Equal(800, distinct.Count);
    }

    [Fact]
    public void ResetStartsANewEpisodeAfterTermination()
    {
        var env = new CartPole();
        env.SetState(2.4, 1.0, 0, 0);
        env.Step(1);
        env.Reset(3);
        Assert.False(env.IsOver);
        Assert.Equal(0, env.StepCount);
        Assert.Equal(new StepResult(1f, false, false), env.Step(0));
    }

    [Fact]
    public void SpecDescribesCartPole()
    {
        var spec = new CartPole().Spec;
        Assert.Equal("cartpole", spec.Name);
        Assert.Equal([4], spec.ObservationShape);
        Assert.Equal(2, spec.ActionCount);
        Assert.Equal(1, spec.PlayerCount);
        Assert.Equal(500, spec.MaxEpisodeSteps);
        Assert.Equal(0, new CartPole().ToPlay);
    }
}
