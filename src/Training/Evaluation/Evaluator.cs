using MuZero.Environments;

namespace MuZero.Training.Evaluation;

/// <summary>Plays whole episodes with a <see cref="SearchAgent"/>, all of them at once so every move is one batched search.</summary>
public static class Evaluator
{
    /// <summary>Mean, std, min and max return over <paramref name="episodes"/> greedy episodes, episode i reset with seed + i.</summary>
    public static SinglePlayerResult SinglePlayer(SearchAgent agent, Func<IEnvironment> factory, int episodes, ulong seed)
    {
        var environments = new IEnvironment[episodes];
        var returns = new double[episodes];
        for (int i = 0; i < episodes; i++)
        {
            environments[i] = factory();
            environments[i].Reset(seed + (ulong)i);
        }
        var active = new List<int>(Enumerable.Range(0, episodes));
        var batch = new List<IEnvironment>(episodes);
        var actions = new int[episodes];
        while (active.Count > 0)
        {
            batch.Clear();
            foreach (int i in active) batch.Add(environments[i]);
            agent.SelectActions(batch, actions);
            for (int j = 0; j < active.Count; j++)
                returns[active[j]] += environments[active[j]].Step(actions[j]).Reward;
            active.RemoveAll(i => environments[i].IsOver);
        }
        double mean = returns.Average();
        double std = Math.Sqrt(returns.Select(r => (r - mean) * (r - mean)).Average());
        return new SinglePlayerResult(episodes, mean, std, returns.Min(), returns.Max());
    }

    /// <summary>
    /// <paramref name="games"/> games against <paramref name="opponent"/>: the agent moves first in the
    /// even-numbered games and second in the odd-numbered ones.
    /// </summary>
    public static TwoPlayerResult TwoPlayer(SearchAgent agent, Func<IEnvironment> factory, IOpponent opponent, int games, ulong seed)
    {
        var environments = new IEnvironment[games];
        var agentPlayer = new int[games];
        var winner = new int[games]; // -1 draw / not over, else the winning player
        for (int i = 0; i < games; i++)
        {
            environments[i] = factory();
            environments[i].Reset(seed + (ulong)i);
            agentPlayer[i] = i % 2;
            winner[i] = -1;
        }
        var agentTurn = new List<int>(games);
        var batch = new List<IEnvironment>(games);
        var actions = new int[games];
        while (true)
        {
            agentTurn.Clear();
            bool anyActive = false;
            for (int i = 0; i < games; i++)
            {
                var env = environments[i];
                if (env.IsOver) continue;
                anyActive = true;
                if (env.ToPlay == agentPlayer[i]) agentTurn.Add(i);
                else Play(i, opponent.SelectAction(env));
            }
            if (!anyActive) break;
            batch.Clear();
            foreach (int i in agentTurn) batch.Add(environments[i]);
            agent.SelectActions(batch, actions);
            for (int j = 0; j < agentTurn.Count; j++) Play(agentTurn[j], actions[j]);
        }

        void Play(int i, int action)
        {
            int mover = environments[i].ToPlay;
            var step = environments[i].Step(action);
            if (step.Reward > 0) winner[i] = mover;
            else if (step.Reward < 0) winner[i] = 1 - mover;
        }

        int wins = 0, draws = 0, losses = 0, lossesFirst = 0, lossesSecond = 0;
        for (int i = 0; i < games; i++)
        {
            if (winner[i] < 0) draws++;
            else if (winner[i] == agentPlayer[i]) wins++;
            else
            {
                losses++;
                if (agentPlayer[i] == 0) lossesFirst++;
                else lossesSecond++;
            }
        }
        return new TwoPlayerResult(games, wins, draws, losses, opponent.Name, lossesFirst, lossesSecond);
    }
}
