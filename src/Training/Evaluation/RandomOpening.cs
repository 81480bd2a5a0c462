using MuZero.Environments;

namespace MuZero.Training.Evaluation;

/// <summary>
/// Openings of a few uniformly random moves, played into a freshly reset board game before the players take over.
/// Two greedy search agents play the same game every time (their search has no noise), so without openings a match
/// between checkpoints is two distinct games repeated; random openings make the games of a match independent draws,
/// which the score and rating intervals assume. Opening number i is a function of the seed and i only, so a match can
/// play each opening twice with the seats swapped (a paired design that cancels the luck of the opening) and every pair
/// of a tournament meets the same openings. A move that would end the game is never chosen.
/// </summary>
public sealed class RandomOpening
{
    /// <summary>The longest opening allowed.</summary>
    public const int MaxPlies = 40;

    private readonly ulong _seed;
    private IBoardGame? _scratch; // a position to try a move on, so that no move that ends the game is chosen
    private int[] _candidates = [];

    /// <summary>Openings of <paramref name="plies"/> random moves (0: none), drawn from <paramref name="seed"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="plies"/> is outside 0..<see cref="MaxPlies"/>.</exception>
    public RandomOpening(int plies, ulong seed)
    {
        if (plies is < 0 or > MaxPlies) throw new ArgumentOutOfRangeException(nameof(plies), plies, $"opening plies must be in 0..{MaxPlies}");
        Plies = plies;
        _seed = seed;
    }

    /// <summary>Random moves per opening.</summary>
    public int Plies { get; }

    /// <summary>
    /// Plays opening number <paramref name="index"/> into <paramref name="environment"/> (a board game, just reset):
    /// <see cref="Plies"/> moves, each uniform among the legal moves that do not end the game.
    /// </summary>
    /// <exception cref="ArgumentException">The game is not a board game, or at some ply every legal move ends it (too long an opening for the game).</exception>
    public void Play(IEnvironment environment, int index)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (Plies == 0) return;
        if (environment is not IBoardGame game)
            throw new ArgumentException($"random openings need a board game; {environment.Spec.Name} is not one");
        if (_scratch is null || _scratch.Spec.Name != game.Spec.Name || _scratch.Spec.ActionCount != game.Spec.ActionCount)
        {
            _scratch = game.Clone();
            _candidates = new int[game.Spec.ActionCount];
        }
        var random = new SplitMix64(SplitMix64.Mix(_seed ^ SplitMix64.Mix((ulong)index)));
        for (int ply = 0; ply < Plies; ply++)
        {
            int count = 0;
            for (int action = 0; action < _candidates.Length; action++)
            {
                if (!game.IsLegal(action)) continue;
                _scratch.CopyFrom(game);
                _scratch.Step(action);
                if (!_scratch.IsOver) _candidates[count++] = action;
            }
            if (count == 0)
                throw new ArgumentException($"random opening {index}: every legal move at ply {ply + 1} ends the game; {Plies} opening plies are too many for {game.Spec.Name}");
            game.Step(_candidates[random.NextInt(count)]);
        }
    }
}
