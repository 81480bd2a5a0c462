namespace MuZero.Training.Benchmarks;

/// <summary>
/// The JIT settings this process runs under, as a benchmark reports them: tiered compilation, tiered PGO and quick JIT
/// for loops, each from its <c>DOTNET_</c> (or <c>COMPlus_</c>) environment variable, else from the application's
/// runtime config, else the runtime's default (all on).
/// </summary>
public static class JitSettings
{
    /// <summary>E.g. <c>tiered, pgo, quick-jit-for-loops</c> or <c>tiered-compilation off</c>.</summary>
    public static string Describe()
    {
        if (!Enabled("TieredCompilation", "System.Runtime.TieredCompilation")) return "tiered-compilation off";
        var parts = new List<string> { "tiered" };
        parts.Add(Enabled("TieredPGO", "System.Runtime.TieredPGO") ? "pgo" : "no pgo");
        parts.Add(Enabled("TC_QuickJitForLoops", "System.Runtime.TieredCompilation.QuickJitForLoops") ? "quick-jit-for-loops" : "no quick-jit-for-loops");
        return string.Join(", ", parts);
    }

    private static bool Enabled(string variable, string runtimeConfigName)
    {
        string? value = Environment.GetEnvironmentVariable("DOTNET_" + variable) ?? Environment.GetEnvironmentVariable("COMPlus_" + variable);
        if (value is not null) return value.Trim() != "0";
        return AppContext.GetData(runtimeConfigName) switch
        {
            bool b => b,
            string s when bool.TryParse(s, out bool parsed) => parsed,
            _ => true,
        };
    }
}
