using System.Diagnostics;
using System.Runtime.InteropServices;
using TorchSharp;

namespace MuZero.Devices;

/// <summary>
/// "Bring your own libtorch" for builds with the <c>system</c> backend (managed TorchSharp only): before
/// the first tensor operation, loads libtorch from an existing install (typically PyTorch's
/// <c>site-packages/torch/lib</c>) and then TorchSharp's own <c>libLibTorchSharp.so</c> from the app
/// folder. Builds that ship libtorch (the <c>cpu</c> and <c>cuda</c> backends) are left alone.
/// </summary>
public static class LibTorchLoader
{
    /// <summary>Environment variable naming a directory that holds <c>libtorch.so</c>.</summary>
    public const string EnvironmentVariable = "MUZERO_LIBTORCH";

    // Dependency order: each library only needs the ones before it. The CUDA ones exist only in CUDA builds of libtorch.
    private static readonly (string File, bool Required)[] Libraries =
    [
        ("libc10.so", true), ("libc10_cuda.so", false), ("libtorch_cpu.so", true), ("libtorch_cuda.so", false), ("libtorch.so", true),
    ];

    private static readonly object Gate = new();

    /// <summary>The directory libtorch was loaded from, or null when the app ships its own.</summary>
    public static string? LoadedFrom { get; private set; }

    /// <summary>True once <see cref="EnsureLoaded"/> has run.</summary>
    public static bool Initialized { get; private set; }

    /// <summary>
    /// Loads libtorch when the app has none of its own: from <paramref name="directory"/> if given, else from
    /// <see cref="EnvironmentVariable"/>, else from the PyTorch that <c>python3</c> imports. Idempotent.
    /// </summary>
    /// <exception cref="LibTorchUnavailableException">No libtorch was found or a required library did not load.</exception>
    public static void EnsureLoaded(string? directory = null)
    {
        lock (Gate)
        {
            if (Initialized) return;
            string app = AppContext.BaseDirectory;
            if (AppShipsLibTorch(app))
            {
                Initialized = true;
                return;
            }

            string source;
            string? dir;
            if (directory is not null) (source, dir) = ("--libtorch", directory);
            else if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } fromEnvironment) (source, dir) = (EnvironmentVariable, fromEnvironment);
            else (source, dir) = ("python3 -c 'import torch'", FindPyTorchLibraries());
            if (dir is null)
                throw new LibTorchUnavailableException(
                    $"this build has no libtorch of its own (TorchBackend=system): pass --libtorch DIR or set {EnvironmentVariable} to a folder with libtorch.so (e.g. <site-packages>/torch/lib), or install PyTorch for python3");
            dir = Path.GetFullPath(dir);
            if (!Directory.Exists(dir)) throw new LibTorchUnavailableException($"{source}: libtorch folder {dir} does not exist");

            foreach (var (file, required) in Libraries)
            {
                string path = Path.Combine(dir, file);
                if (!File.Exists(path))
                {
                    if (required) throw new LibTorchUnavailableException($"{source}: {path} not found (expected libc10.so, libtorch_cpu.so and libtorch.so in {dir})");
                    continue;
                }
                Load(path, source);
            }
            string? bridge = new[] { Path.Combine(app, "libLibTorchSharp.so"), Path.Combine(app, "runtimes", "linux-x64", "native", "libLibTorchSharp.so") }
                .FirstOrDefault(File.Exists);
            if (bridge is null) throw new LibTorchUnavailableException($"libLibTorchSharp.so not found in {app} (it ships with the TorchSharp package)");
            Load(bridge, "the app folder");
            LoadedFrom = dir;
            Initialized = true;
        }
    }

    /// <summary>One line for the log: which libtorch, whether CUDA is usable and how many devices there are.</summary>
    public static string Describe()
    {
        string where = LoadedFrom is null ? "bundled with the app" : LoadedFrom;
        bool cudaAvailable = torch.cuda.is_available();
        string devices = cudaAvailable ? $"{torch.cuda.device_count()} CUDA device(s)" : "no CUDA device";
        return $"libtorch: {where} (TorchSharp {typeof(torch).Assembly.GetName().Version}); {devices}";
    }

    private static bool AppShipsLibTorch(string app) =>
        new[] { "libtorch_cpu.so", "torch_cpu.dll", "libtorch_cpu.dylib" }.Any(f =>
            File.Exists(Path.Combine(app, f)) || Directory.Exists(Path.Combine(app, "runtimes")) &&
            Directory.EnumerateFiles(Path.Combine(app, "runtimes"), f, SearchOption.AllDirectories).Any());

    private static void Load(string path, string source)
    {
        try
        {
            NativeLibrary.Load(path);
        }
        catch (Exception e) when (e is DllNotFoundException or BadImageFormatException)
        {
            throw new LibTorchUnavailableException($"{source}: cannot load {path}: {e.Message.Split('\n')[0]}");
        }
    }

    private static string? FindPyTorchLibraries()
    {
        try
        {
            var start = new ProcessStartInfo("python3", ["-c", "import os, torch; print(os.path.join(os.path.dirname(torch.__file__), 'lib'))"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            using var process = Process.Start(start);
            if (process is null) return null;
            string output = process.StandardOutput.ReadToEnd().Trim();
            if (!process.WaitForExit(30_000)) return null;
            return process.ExitCode == 0 && Directory.Exists(output) ? output : null;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException or IOException)
        {
            return null;
        }
    }
}
