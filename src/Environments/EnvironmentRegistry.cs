namespace MuZero.Environments;

/// <summary>
/// The one list of environments: config validation and construction both read it. Names are lower-case
/// and matched case-sensitively (ordinal), like every registry and enum name in configs.
/// </summary>
public static class EnvironmentRegistry
{
    private static readonly (string Name, Func<IEnvironment> Create)[] Entries =
    [
        ("cartpole", () => new CartPole()),
        ("tictactoe", () => new TicTacToe()),
    ];

    private static readonly string[] NameList = Array.ConvertAll(Entries, entry => entry.Name);

    /// <summary>All known names, in registration order.</summary>
    public static IReadOnlyList<string> Names => NameList;

    /// <summary>True when an environment is registered under exactly <paramref name="name"/>.</summary>
    public static bool Contains(string? name) => name is not null && Array.IndexOf(NameList, name) >= 0;

    /// <summary>A new, reset environment called <paramref name="name"/> (case-sensitive).</summary>
    /// <exception cref="ArgumentException">No environment has that name; the message lists the known names.</exception>
    public static IEnvironment Create(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        foreach (var entry in Entries)
        {
            if (string.Equals(entry.Name, name, StringComparison.Ordinal)) return entry.Create();
        }
        throw new ArgumentException($"Unknown environment '{name}'; known environments: {string.Join(", ", NameList)}.", nameof(name));
    }

    /// <summary>The spec of the environment called <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">No environment has that name.</exception>
    public static EnvironmentSpec GetSpec(string name) => Create(name).Spec;
}
