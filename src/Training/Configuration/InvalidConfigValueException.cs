using System.Text.Json;

namespace MuZero.Training.Configuration;

/// <summary>
/// Thrown by config converters while reading JSON, so that <see cref="ConfigLoader"/> can report the value as
/// "field must be expected, got value" once the serializer has filled in where it was (path and line).
/// </summary>
internal sealed class InvalidConfigValueException(string expected, string got) : JsonException($"must be {expected}, got {got}")
{
    /// <summary>What the field accepts, e.g. "one of minimum, parent_value".</summary>
    public string Expected { get; } = expected;

    /// <summary>What the file holds, quoted if a string.</summary>
    public string Got { get; } = got;
}
