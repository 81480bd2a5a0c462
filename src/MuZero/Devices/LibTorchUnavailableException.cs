namespace MuZero.Devices;

/// <summary>The <c>system</c> backend found no usable libtorch; the message names where it looked and what was missing.</summary>
public sealed class LibTorchUnavailableException(string message) : Exception(message);
