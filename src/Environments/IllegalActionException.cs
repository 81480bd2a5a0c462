namespace MuZero.Environments;

/// <summary>Thrown when an action is out of range, illegal in the current state, or played after the episode ended.</summary>
public sealed class IllegalActionException(string message) : InvalidOperationException(message);
