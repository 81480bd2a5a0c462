namespace MuZero.Environments;

/// <summary>
/// What is wrong with one option of the config's <c>environment</c> section, in the words of the config's one-line
/// errors: <c>environment.OPTION must be EXPECTED, got GOT</c>.
/// </summary>
/// <param name="Option">The option's config name, e.g. <c>board_size</c>.</param>
/// <param name="Expected">What the option must be, e.g. <c>in 5..19</c>.</param>
/// <param name="Got">The value given: an int, double or bool.</param>
public sealed record EnvironmentOptionError(string Option, string Expected, object Got)
{
    /// <summary>The whole line, e.g. <c>environment.board_size must be in 5..19, got 25</c>.</summary>
    public string Message => $"environment.{Option} must be {Expected}, got {Format(Got)}";

    // As the value is written in JSON.
    private static string Format(object value) => value switch
    {
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
