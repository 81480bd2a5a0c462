using System.Runtime.InteropServices;

namespace MuZero.Devices;

/// <summary>
/// How long libtorch's OpenMP threads (GNU libgomp, Linux) spin after an operation before they sleep: libgomp's default
/// of 300,000 spins keeps them busy through the host's work between two network calls of a search, where they take a
/// core from the search's own threads (the tree pass and the readout). A short spin lets them sleep there.
/// </summary>
/// <remarks>
/// libgomp reads <c>GOMP_SPINCOUNT</c> once, when libtorch loads, so <see cref="ApplyDefault"/> must run before the
/// first tensor operation; it changes nothing where the user has set <c>GOMP_SPINCOUNT</c> or <c>OMP_WAIT_POLICY</c>.
/// Measured with <c>muzero bench</c> on 2 cores (CartPole MLP, 50 simulations, 5 interleaved runs per setting): 4,000
/// spins cut the tree pass's share of a search at batch 1024 from 17-23% to 12-16% and the fastest search from
/// 30.6-44.5 ms to 27.3-29.2 ms, and left batch 64 and self-play as they were; 1,000 spins made batch 64 about 6% slower
/// (the threads then sleep between calls), no spinning at all (<c>OMP_WAIT_POLICY=PASSIVE</c>) made every batch size
/// 2-3x slower (they sleep between operations). With the sharded search, batch 1024 went from 1.21-1.55M to
/// 1.50-2.27M simulations/s (3 interleaved runs each).
/// </remarks>
public static class OpenMpSpin
{
    /// <summary>libgomp's environment variable for the spin count.</summary>
    public const string SpinCountVariable = "GOMP_SPINCOUNT";

    /// <summary>The spin count <see cref="ApplyDefault"/> sets.</summary>
    public const int DefaultSpinCount = 4000;

    /// <summary>
    /// Sets <see cref="SpinCountVariable"/> to <see cref="DefaultSpinCount"/> for this process's native code unless the
    /// environment already sets it or <c>OMP_WAIT_POLICY</c> (Linux only; elsewhere libtorch uses another OpenMP).
    /// Returns the setting in effect for libgomp (the spin count, or the user's <c>OMP_WAIT_POLICY=...</c>), or null
    /// where it is not libgomp's to set or could not be set.
    /// </summary>
    public static string? ApplyDefault()
    {
        if (!OperatingSystem.IsLinux()) return null;
        if (Environment.GetEnvironmentVariable(SpinCountVariable) is { Length: > 0 } set) return set;
        if (UserWaitPolicy() is { } policy) return policy;
        string value = DefaultSpinCount.ToString(System.Globalization.CultureInfo.InvariantCulture);
        // Environment.SetEnvironmentVariable changes .NET's copy only; libgomp reads the C library's environment.
        try
        {
            if (SetEnv(SpinCountVariable, value, overwrite: 0) != 0) return null;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null; // a C library without setenv under that name: libgomp keeps its default
        }
        Environment.SetEnvironmentVariable(SpinCountVariable, value);
        return value;
    }

    /// <summary>One line for reports: the spin setting libgomp runs with in this process.</summary>
    public static string Describe()
    {
        if (!OperatingSystem.IsLinux()) return "not libgomp";
        if (Environment.GetEnvironmentVariable(SpinCountVariable) is { Length: > 0 } set) return $"{SpinCountVariable}={set}";
        return UserWaitPolicy() ?? "libgomp's default (300,000 spins)";
    }

    /// <summary><c>OMP_WAIT_POLICY=...</c> when the environment sets it (it overrides any spin count), else null.</summary>
    private static string? UserWaitPolicy() =>
        Environment.GetEnvironmentVariable("OMP_WAIT_POLICY") is { Length: > 0 } policy ? $"OMP_WAIT_POLICY={policy}" : null;

    [DllImport("libc", EntryPoint = "setenv")]
    private static extern int SetEnv([MarshalAs(UnmanagedType.LPUTF8Str)] string name, [MarshalAs(UnmanagedType.LPUTF8Str)] string value, int overwrite);
}
