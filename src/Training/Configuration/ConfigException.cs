namespace MuZero.Training.Configuration;

/// <summary>A configuration file is missing, malformed or has an invalid value; the message is one line naming the file and field.</summary>
public sealed class ConfigException(string message, Exception? inner = null) : Exception(message, inner);
