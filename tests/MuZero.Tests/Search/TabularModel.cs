using MuZero.Randomness;
using MuZero.Search;
using TorchSharp;
using static TorchSharp.torch;

namespace MuZero.Tests.Search;

/// <summary>
/// A deterministic "perfect model" for search tests: latents are [B, 1] float tensors holding a state id,
/// and every value, prior, reward and transition comes from host tables. States are either fully hand-made
/// (<see cref="AddState"/> + <see cref="Connect"/>) or random (<see cref="AddRandomState(ulong)"/>): a random
/// state derives its value, priors and children from a 64-bit key, and its children are created on first use,
/// so a tree of any depth exists and its contents do not depend on the order in which it is explored.
/// </summary>
internal sealed class TabularModel : ISearchModel
{
    private readonly List<float> _values = [];
    private readonly List<float[]> _priors = [];
    private readonly List<int[]> _next = [];
    private readonly List<float[]> _rewards = [];
    private readonly List<ulong> _keys = []; // 0: no generated children

    public TabularModel(int actionCount) => ActionCount = actionCount;

    public int ActionCount { get; }

    public Device Device => torch.CPU;

    /// <summary>Number of <see cref="Recurrent"/> calls so far.</summary>
    public int RecurrentCalls { get; private set; }

    /// <summary>Batch size of every <see cref="Recurrent"/> call so far (the distinct ones).</summary>
    public HashSet<long> RecurrentBatchSizes { get; } = [];

    /// <summary>A hand-made state; its transitions must be set with <see cref="Connect"/>.</summary>
    public int AddState(float value, params float[] priors)
    {
        if (priors.Length != ActionCount) throw new ArgumentException("priors must have A entries");
        return Add(value, priors, key: 0);
    }

    /// <summary>An absorbing state: value 0, uniform prior, every action loops back with reward 0.</summary>
    public int AddTerminal()
    {
        int s = AddState(0f, Enumerable.Repeat(1f / ActionCount, ActionCount).ToArray());
        for (int a = 0; a < ActionCount; a++) Connect(s, a, s, 0f);
        return s;
    }

    /// <summary>A random state whose value, priors and (lazily created) children all derive from <paramref name="key"/>.</summary>
    public int AddRandomState(ulong key)
    {
        var rng = new Xoshiro256(key);
        float value = (float)(2 * rng.NextDouble() - 1);
        var logits = new double[ActionCount];
        for (int a = 0; a < ActionCount; a++) logits[a] = 1.5 * rng.NextGaussian();
        double sum = logits.Sum(Math.Exp);
        float[] priors = logits.Select(l => (float)(Math.Exp(l) / sum)).ToArray();
        return Add(value, priors, key);
    }

    /// <summary>A state with hand-made value and priors but random (lazily created) children.</summary>
    public int AddRandomState(ulong key, float value, params float[] priors) => Add(value, priors, key);

    public void Connect(int from, int action, int to, float reward)
    {
        _next[from][action] = to;
        _rewards[from][action] = reward;
    }

    public float Value(int state) => _values[state];

    public float Prior(int state, int action) => _priors[state][action];

    /// <summary>The transition (state, action) -> (next state, reward), creating a random child on first use.</summary>
    public (int Next, float Reward) Step(int state, int action)
    {
        if (_next[state][action] < 0)
        {
            ulong key = _keys[state];
            if (key == 0) throw new InvalidOperationException($"No transition from state {state} with action {action}.");
            ulong childKey = Mix(key, action);
            float reward = (float)(2 * new Xoshiro256(childKey ^ 0x5DEECE66DUL).NextDouble() - 1);
            Connect(state, action, AddRandomState(childKey), reward);
        }
        return (_next[state][action], _rewards[state][action]);
    }

    public Tensor Initial(Tensor observations, Span<float> values, Span<float> priors)
    {
        using Tensor flat = observations.reshape(-1);
        float[] ids = flat.data<float>().ToArray(); // [B]
        for (int b = 0; b < ids.Length; b++)
        {
            int s = (int)ids[b];
            values[b] = _values[s];
            _priors[s].CopyTo(priors.Slice(b * ActionCount, ActionCount));
        }
        return torch.tensor(ids, [ids.Length, 1]); // [B, 1]
    }

    public Tensor Recurrent(Tensor latents, Tensor actions, Span<float> rewards, Span<float> values, Span<float> priors)
    {
        RecurrentCalls++;
        RecurrentBatchSizes.Add(latents.shape[0]);
        using Tensor flat = latents.reshape(-1);
        float[] ids = flat.data<float>().ToArray();                 // [B]
        long[] chosen = actions.data<long>().ToArray();             // [B]
        var next = new float[ids.Length];
        for (int b = 0; b < ids.Length; b++)
        {
            (int s, float r) = Step((int)ids[b], (int)chosen[b]);
            next[b] = s;
            rewards[b] = r;
            values[b] = _values[s];
            _priors[s].CopyTo(priors.Slice(b * ActionCount, ActionCount));
        }
        return torch.tensor(next, [ids.Length, 1]); // [B, 1]
    }

    /// <summary>Observations [B, 1] for the given root states.</summary>
    public static Tensor Observations(params int[] states) =>
        torch.tensor(states.Select(s => (float)s).ToArray(), [states.Length, 1]);

    private int Add(float value, float[] priors, ulong key)
    {
        _values.Add(value);
        _priors.Add((float[])priors.Clone());
        _next.Add(Enumerable.Repeat(-1, ActionCount).ToArray());
        _rewards.Add(new float[ActionCount]);
        _keys.Add(key);
        if (_values.Count >= 1 << 24) throw new InvalidOperationException("State ids no longer fit a float exactly.");
        return _values.Count - 1;
    }

    private static ulong Mix(ulong key, int action)
    {
        ulong z = key * 0x9E3779B97F4A7C15UL + (ulong)(action + 1) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 31)) * 0x94D049BB133111EBUL;
        return (z ^ (z >> 29)) | 1UL; // never 0
    }
}
