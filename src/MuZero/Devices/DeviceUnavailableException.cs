namespace MuZero.Devices;

/// <summary>The requested device (e.g. <c>cuda</c>) does not exist on this machine.</summary>
public sealed class DeviceUnavailableException(string message) : Exception(message);
