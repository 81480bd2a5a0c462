using System.Text;

namespace MuZero.Cli.Protocol;

/// <summary>
/// Reads protocol requests: one request per line ended by LF, or by CRLF whose CR is dropped.
/// <see cref="TextReader.ReadLine"/> also ends a line at a bare CR, which would turn <c>play\r4</c> into two requests
/// and two answers; here a bare CR stays inside its line, so the session answers it once, as malformed.
/// </summary>
internal static class ProtocolLineReader
{
    /// <summary>The next request line without its LF or CRLF, or null at the end of input.</summary>
    public static string? ReadLine(TextReader input)
    {
        var line = new StringBuilder();
        int c;
        while ((c = input.Read()) >= 0)
        {
            if (c == '\n')
            {
                if (line.Length > 0 && line[^1] == '\r') line.Length--;
                return line.ToString();
            }
            line.Append((char)c);
        }
        return line.Length > 0 ? line.ToString() : null;
    }
}
