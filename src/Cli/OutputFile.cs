namespace MuZero.Cli;

/// <summary>Result files that commands write at their end (<c>--json FILE</c>), opened at their start.</summary>
internal static class OutputFile
{
    /// <summary>
    /// Opens (creating if needed) <paramref name="path"/> for writing without truncating it until there is something to
    /// write, so that a bad path fails in a second rather than after the whole job.
    /// </summary>
    /// <exception cref="ArgumentException">The file cannot be written; the message names <paramref name="option"/> and the path.</exception>
    public static FileStream Open(string path, string option)
    {
        try
        {
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.Write);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new ArgumentException($"{option} {path}: cannot write the file: {e.Message.ReplaceLineEndings(" ")}", e);
        }
    }
}
