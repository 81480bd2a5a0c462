namespace MuZero.Environments;

/// <summary>
/// A file of Connect Four positions with their exact scores, one <c>&lt;moves&gt; &lt;score&gt;</c> per line, as in
/// Pascal Pons' benchmark sets (Test_L3_R1 ... Test_L1_R3): moves are column digits 1..7 from the empty board,
/// the score is for the player to move (convention of <see cref="ConnectFourSolver"/>). Blank lines are skipped.
/// </summary>
public sealed class ConnectFourTestSet
{
    private ConnectFourTestSet(string name, string path, IReadOnlyList<ConnectFourScoredPosition> positions)
    {
        Name = name;
        Path = path;
        Positions = positions;
    }

    /// <summary>The file name without folders (e.g. <c>Test_L3_R1</c>).</summary>
    public string Name { get; }

    /// <summary>The path the set was read from.</summary>
    public string Path { get; }

    /// <summary>The positions in file order.</summary>
    public IReadOnlyList<ConnectFourScoredPosition> Positions { get; }

    /// <summary>Reads and checks a test-set file.</summary>
    /// <exception cref="FormatException">A line is not two fields, its moves are not a legal unfinished game, or its
    /// score is not an integer that the position can have; the message starts with <c>path:line:</c>.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static ConnectFourTestSet Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"Connect Four test set {path} does not exist.", path);
        var positions = new List<ConnectFourScoredPosition>();
        int lineNumber = 0;
        foreach (string line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            positions.Add(ParseLine(line, $"{path}:{lineNumber}", lineNumber));
        }
        if (positions.Count == 0) throw new FormatException($"{path}: no positions (expected lines '<moves> <score>')");
        return new ConnectFourTestSet(System.IO.Path.GetFileName(path), path, positions);
    }

    /// <summary>Parses one <c>&lt;moves&gt; &lt;score&gt;</c> line; <paramref name="where"/> prefixes error messages.</summary>
    /// <exception cref="FormatException">As for <see cref="Load"/>.</exception>
    public static ConnectFourScoredPosition ParseLine(string line, string where, int lineNumber = 0)
    {
        ArgumentNullException.ThrowIfNull(line);
        string[] fields = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != 2) throw new FormatException($"{where}: expected '<moves> <score>', got '{line.Trim()}'");
        if (!ConnectFourPosition.TryParse(fields[0], out var position, out string? error)) throw new FormatException($"{where}: {error}");
        if (position.IsOver) throw new FormatException($"{where}: the game of \"{fields[0]}\" is over; a test position needs a move to play");
        if (!int.TryParse(fields[1], System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out int score))
            throw new FormatException($"{where}: score '{fields[1]}' is not an integer");
        int moves = position.MovesPlayed;
        int lowest = -(ConnectFourPosition.CellCount - moves) / 2, highest = (ConnectFourPosition.CellCount + 1 - moves) / 2;
        if (score < lowest || score > highest)
            throw new FormatException($"{where}: score {score} is impossible after {moves} moves (expected {lowest}..{highest})");
        return new ConnectFourScoredPosition(lineNumber, fields[0], position, score);
    }
}
