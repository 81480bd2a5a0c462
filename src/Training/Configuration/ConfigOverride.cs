using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;

namespace MuZero.Training.Configuration;

/// <summary>
/// One command-line change to a config, <c>--set field=value</c>: <see cref="Field"/> is a path through the config's
/// JSON (<c>training.learning_rate</c>, <c>seed</c>, <c>self_play.temperature[0].value</c>) and <see cref="Text"/> is
/// the new value as typed. <see cref="ConfigLoader.Parse(string, string, IReadOnlyList{ConfigOverride})"/> applies
/// overrides to the resolved JSON tree (every field, written in the file or defaulted) before the config is read and
/// validated, so an override is checked exactly like the same value in a file, and its errors name <c>--set field</c>.
/// </summary>
public sealed partial record ConfigOverride
{
    private ConfigOverride(string field, string text, string source)
    {
        Field = field;
        Text = text;
        Source = source;
    }

    /// <summary>The path of the field, e.g. <c>training.learning_rate</c>.</summary>
    public string Field { get; }

    /// <summary>The value as typed after <c>=</c>.</summary>
    public string Text { get; }

    /// <summary>How errors name this override, as the user typed it: <c>--set training.learning_rate</c>, <c>--search policy</c>.</summary>
    public string Source { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Field}={Text}";

    /// <summary>
    /// Reads <c>field=value</c>. The value is JSON where it parses as JSON (<c>0.001</c>, <c>true</c>, <c>null</c>,
    /// <c>[{"value":1.0}]</c>) and otherwise a string (<c>mlp</c>); a field that holds a string always takes the text
    /// as typed, so <c>name=123</c> names a run "123".
    /// </summary>
    /// <param name="assignment">The text after the option.</param>
    /// <param name="option">The option it came with, for error messages (<c>--set</c>, <c>--search</c>).</param>
    /// <param name="section">A section the option's fields are inside (<c>search.</c> for <c>--search policy=...</c>); empty for <c>--set</c>.</param>
    /// <exception cref="ConfigException">Not of the form <c>field=value</c> with a well-formed field path.</exception>
    public static ConfigOverride Parse(string assignment, string option = "--set", string section = "")
    {
        ArgumentNullException.ThrowIfNull(assignment);
        int equals = assignment.IndexOf('=', StringComparison.Ordinal);
        if (equals < 0)
            throw new ConfigException($"{option} {assignment}: expected field=value, e.g. training.learning_rate=0.001");
        string typed = assignment[..equals].Trim(), field = section + typed;
        if (!FieldPath().IsMatch(field))
            throw new ConfigException($"{option} {assignment}: '{typed}' is not a field path such as training.learning_rate or self_play.temperature[0].value");
        return new ConfigOverride(field, assignment[(equals + 1)..], $"{option} {typed}");
    }

    /// <summary>Reads every assignment with <see cref="Parse(string, string, string)"/> and refuses a field set twice.</summary>
    /// <exception cref="ConfigException">A malformed assignment, or one field given twice.</exception>
    public static IReadOnlyList<ConfigOverride> ParseAll(IEnumerable<string>? assignments, string option = "--set", string section = "")
    {
        var overrides = new List<ConfigOverride>();
        foreach (string assignment in assignments ?? [])
        {
            var parsed = Parse(assignment, option, section);
            // Last-wins would hide a typo the same way a duplicate key in a file would.
            if (overrides.Any(o => o.Field == parsed.Field)) throw new ConfigException($"{parsed.Source}: given twice");
            overrides.Add(parsed);
        }
        return overrides;
    }

    /// <summary>True when this override wrote <paramref name="field"/> (a path as validation names it), itself or inside it.</summary>
    internal bool Covers(string field) =>
        field == Field || (field.StartsWith(Field, StringComparison.Ordinal) && field[Field.Length] is '.' or '[');

    /// <summary>
    /// Writes the value into <paramref name="root"/>, the resolved config as a JSON tree. Returns the .NET type of the
    /// field, so that a value of the wrong type can be reported as "must be an integer".
    /// </summary>
    /// <exception cref="ConfigException">The path names no field of the config.</exception>
    internal Type ApplyTo(JsonObject root, JsonSerializerOptions options)
    {
        var segments = Segments(Field);
        JsonNode parent = root;
        Type type = typeof(ExperimentConfig);
        string at = "";
        for (int i = 0; i < segments.Count; i++)
        {
            var (name, index) = segments[i];
            bool last = i == segments.Count - 1;
            if (name is not null)
            {
                if (parent is not JsonObject obj) throw new ConfigException($"{Source}: {at} is not an object");
                // The type's properties, not the tree's keys: an option the resolved config leaves out while it is
                // null (e.g. environment.board_size of a game without boards) can still be set.
                var properties = options.GetTypeInfo(type).Properties;
                var property = properties.FirstOrDefault(p => p.Name == name);
                if (property is null)
                {
                    string where = at.Length == 0 ? "the config" : at;
                    string known = string.Join(", ", properties.Select(p => p.Name));
                    throw new ConfigException($"{Source}: unknown field '{name}' in {where}; its fields are {known}");
                }
                type = property.PropertyType;
                at = at.Length == 0 ? name : $"{at}.{name}";
                if (last) obj[name] = Value(type);
                else parent = obj[name] ?? throw new ConfigException($"{Source}: {at} is null");
            }
            else
            {
                if (parent is not JsonArray array || options.GetTypeInfo(type).ElementType is not Type element)
                    throw new ConfigException($"{Source}: {at} is not a list");
                if (index >= array.Count)
                    throw new ConfigException($"{Source}: index {index} is out of range: {at} has {array.Count} entries");
                type = element;
                at = $"{at}[{index}]";
                if (last) array[index] = Value(type);
                else parent = array[index] ?? throw new ConfigException($"{Source}: {at} is null");
            }
        }
        return type;
    }

    /// <summary>The value for a field of <paramref name="type"/>: the text itself for strings, else its JSON, else the text.</summary>
    private JsonNode? Value(Type type)
    {
        if (type == typeof(string)) return JsonValue.Create(Text);
        try
        {
            return JsonNode.Parse(Text, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = true });
        }
        catch (JsonException)
        {
            return JsonValue.Create(Text);
        }
    }

    /// <summary>What a field of <paramref name="type"/> accepts, in the words of validation errors.</summary>
    internal static string Describe(Type type)
    {
        if (Nullable.GetUnderlyingType(type) is Type inner) return Describe(inner) + " or null";
        if (type == typeof(int) || type == typeof(long) || type == typeof(ulong)) return "an integer";
        if (type == typeof(double) || type == typeof(float)) return "a number";
        if (type == typeof(bool)) return "true or false";
        if (type == typeof(string) || type.IsEnum) return "a string";
        if (type.IsAssignableTo(typeof(System.Collections.IEnumerable))) return "a list";
        return "an object";
    }

    /// <summary>Splits <c>a.b[2].c</c> into (a), (b), [2], (c).</summary>
    private static List<(string? Name, int Index)> Segments(string field)
    {
        var segments = new List<(string?, int)>();
        foreach (string part in field.Split('.'))
        {
            int bracket = part.IndexOf('[', StringComparison.Ordinal);
            segments.Add((bracket < 0 ? part : part[..bracket], 0));
            for (int i = bracket; i >= 0; i = part.IndexOf('[', i + 1))
                segments.Add((null, int.Parse(part[(i + 1)..part.IndexOf(']', i)], System.Globalization.CultureInfo.InvariantCulture)));
        }
        return segments;
    }

    [GeneratedRegex(@"^[a-z_][a-z0-9_]*(\[[0-9]{1,9}\])*(\.[a-z_][a-z0-9_]*(\[[0-9]{1,9}\])*)*$")]
    private static partial Regex FieldPath();
}
