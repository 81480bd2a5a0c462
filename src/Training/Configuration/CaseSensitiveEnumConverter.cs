using System.Text.Json;
using System.Text.Json.Serialization;

namespace MuZero.Training.Configuration;

/// <summary>
/// Reads and writes enums as their snake_case names, matched case-sensitively: config names follow one rule
/// (lower-case, exact match) whether they name an enum value or a registry entry. <c>JsonStringEnumConverter</c>
/// would accept <c>Parent_Value</c> while <c>Adam</c> is rejected as an optimizer.
/// </summary>
internal sealed class CaseSensitiveEnumConverter : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(Converter<>).MakeGenericType(typeToConvert))!;

    private sealed class Converter<T> : JsonConverter<T> where T : struct, Enum
    {
        private static readonly (string Name, T Value)[] Values =
            Enum.GetValues<T>().Select(value => (JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString()), value)).ToArray();

        private static string Expected => "one of " + string.Join(", ", Values.Select(v => v.Name));

        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.String)
                throw new InvalidConfigValueException(Expected, reader.TokenType == JsonTokenType.Null ? "null" : $"a {reader.TokenType.ToString().ToLowerInvariant()}");
            string name = reader.GetString()!;
            foreach (var (candidate, value) in Values)
            {
                if (string.Equals(candidate, name, StringComparison.Ordinal)) return value;
            }
            throw new InvalidConfigValueException(Expected, $"'{name}'");
        }

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
        {
            foreach (var (name, candidate) in Values)
            {
                if (EqualityComparer<T>.Default.Equals(candidate, value))
                {
                    writer.WriteStringValue(name);
                    return;
                }
            }
            throw new JsonException($"{typeof(T).Name} has no value {value}");
        }
    }
}
