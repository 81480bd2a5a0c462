namespace MuZero.Training.Learning;

/// <summary>Batch means of the loss terms of one update (value/reward/policy summed over the unroll, recurrent steps scaled by 1/K).</summary>
public readonly record struct LossReport(double Total, double Value, double Reward, double Policy, double LearningRate);
