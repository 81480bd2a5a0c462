namespace MuZero.Search;

/// <summary>Monte Carlo tree search settings (paper constants as defaults).</summary>
public sealed record SearchConfig
{
    /// <summary>Simulations per search (S); the tree holds S + 1 nodes.</summary>
    public int Simulations { get; init; } = 50;

    /// <summary>Discount gamma between consecutive states (the sign flip of two-player games is applied separately).</summary>
    public double Discount { get; init; } = 0.997;

    /// <summary>pUCT c1 (muzero policy).</summary>
    public double PbCInit { get; init; } = 1.25;

    /// <summary>pUCT c2 (muzero policy).</summary>
    public double PbCBase { get; init; } = 19652;

    /// <summary>Dirichlet alpha of the root exploration noise of the muzero policy (0.3 board games, 0.25 Atari).</summary>
    public double DirichletAlpha { get; init; } = 0.25;

    /// <summary>Weight of the noise in the root prior: P = (1 - f) P + f noise.</summary>
    public double ExplorationFraction { get; init; } = 0.25;

    /// <summary>Q used for unvisited children in pUCT (muzero policy).</summary>
    public UnvisitedValue UnvisitedValue { get; init; } = UnvisitedValue.Minimum;

    /// <summary>Games per search below which the per-tree work stays on one thread (threads cost more than they save).</summary>
    public int ParallelThreshold { get; init; } = 64;

    /// <summary>
    /// Groups the batch is split into for a pipelined search (1 = none): while the model evaluates one group's
    /// leaves on the searching thread, a worker thread backs up and descends the next group's trees. The results are
    /// those of the unpipelined search (each game's steps are the same); the model is called once per group and
    /// simulation. Pays where the model call leaves the host free (CUDA, whose kernels run asynchronously).
    /// </summary>
    public int PipelineGroups { get; init; } = 1;

    /// <summary>
    /// Shards of a search on the CPU (0 = automatic, 1 = none): each of K threads searches its own share of the games
    /// from the first simulation to the last (its descents, backups and model calls, the calls with an equal share of the
    /// searching thread's libtorch threads: one each on 2 cores) instead of every model call spreading over all of
    /// libtorch's threads and the tree work over the search's. No thread
    /// waits for another until the last simulation, and each game's tree stays with one core. Needs a model that allows
    /// concurrent calls (<see cref="ISearchModel.AllowsConcurrentCalls"/>), at least <see cref="ParallelThreshold"/>
    /// games per shard, and no pipelining. Automatic: as many shards as the searching thread has libtorch threads (one
    /// in a training's actor, whose other core is the learner's). Each game's steps are those of the unsharded search.
    /// </summary>
    public int Shards { get; init; }

    /// <summary>The search policy, a name of <see cref="SearchPolicyRegistry"/>: <c>muzero</c> (pUCT) or <c>gumbel_muzero</c>.</summary>
    public string Policy { get; init; } = SearchPolicyRegistry.MuZero;

    /// <summary>Settings of the <c>gumbel_muzero</c> policy (unused by the others).</summary>
    public GumbelConfig Gumbel { get; init; } = new();
}
