using TorchSharp;
using static TorchSharp.torch;

namespace MuZero.Search;

/// <summary>
/// The learned model as the search sees it (mctx's <c>root_fn</c> / <c>recurrent_fn</c>): the search
/// never touches networks directly. Latent states stay on <see cref="Device"/>; only the small
/// per-state results (reward, value, prior) are written back to host buffers supplied by the caller.
/// Values and rewards are scalars (already converted from their categorical supports), from the
/// point of view of the player to move (values) and of the player who acted (rewards).
/// </summary>
public interface ISearchModel
{
    /// <summary>Number of discrete actions |A|.</summary>
    int ActionCount { get; }

    /// <summary>Device the latent states live on.</summary>
    Device Device { get; }

    /// <summary>
    /// Whether <see cref="Initial"/> and <see cref="Recurrent"/> may run on several threads at once (on different
    /// batches): a sharded search (<see cref="SearchConfig.Shards"/>) calls <see cref="Recurrent"/> from each shard's
    /// thread. False unless a model says so.
    /// </summary>
    bool AllowsConcurrentCalls => false;

    /// <summary>
    /// Representation + prediction: <paramref name="observations"/> [B, *obs] -> latents [B, *latent] (returned,
    /// owned by the caller). Writes values [B] and priors [B * A] (softmax of the policy logits).
    /// </summary>
    Tensor Initial(Tensor observations, Span<float> values, Span<float> priors);

    /// <summary>
    /// Dynamics + prediction: <paramref name="latents"/> [B, *latent], <paramref name="actions"/> int64 [B]
    /// -> next latents [B, *latent] (returned, owned by the caller). Writes rewards [B], values [B] and
    /// priors [B * A].
    /// </summary>
    Tensor Recurrent(Tensor latents, Tensor actions, Span<float> rewards, Span<float> values, Span<float> priors);
}
