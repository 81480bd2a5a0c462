using System.Runtime.CompilerServices;

namespace MuZero.Cli.Tests;

/// <summary>
/// One libtorch thread per test process: dotnet test runs the test projects in parallel, and several
/// processes each spinning a full OpenMP pool on a small machine slow each other down many times over.
/// </summary>
internal static class TorchTestSettings
{
    [ModuleInitializer]
    internal static void UseOneTorchThread() => TorchSharp.torch.set_num_threads(1);
}
