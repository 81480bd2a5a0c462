using System.Runtime.InteropServices;
using MuZero.Devices;

namespace MuZero.Tests;

public sealed class OpenMpSpinTests
{
    [Fact]
    public void TheDefaultReachesTheCLibrarysEnvironmentUnlessTheUserSetOne()
    {
        if (!OperatingSystem.IsLinux()) return;
        string? before = Environment.GetEnvironmentVariable(OpenMpSpin.SpinCountVariable);
        string? policy = Environment.GetEnvironmentVariable("OMP_WAIT_POLICY");
        string? applied = OpenMpSpin.ApplyDefault();
        // What libgomp reads is the C library's environment, not .NET's copy of it.
        string? native = Marshal.PtrToStringUTF8(GetEnv(OpenMpSpin.SpinCountVariable));
        if (before is { Length: > 0 })
        {
            Assert.Equal(before, applied);
            Assert.Equal(before, native);
        }
        else if (policy is { Length: > 0 })
        {
            Assert.Equal($"OMP_WAIT_POLICY={policy}", applied);
        }
        else
        {
            Assert.Equal("4000", applied);
            Assert.Equal("4000", native);
            Assert.Equal($"{OpenMpSpin.SpinCountVariable}=4000", OpenMpSpin.Describe());
        }
    }

    [DllImport("libc", EntryPoint = "getenv")]
    private static extern IntPtr GetEnv([MarshalAs(UnmanagedType.LPUTF8Str)] string name);
}
