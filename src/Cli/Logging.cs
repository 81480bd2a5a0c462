using Microsoft.Extensions.Logging;

namespace MuZero.Cli;

/// <summary>Console logging for the command: one line per message, on stderr so stdout stays free for results and protocols.</summary>
internal static class Logging
{
    public static ILoggerFactory CreateFactory(LogLevel minimum = LogLevel.Information) => LoggerFactory.Create(builder =>
    {
        builder.SetMinimumLevel(minimum);
        builder.AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.AddSimpleConsole(options =>
        {
            options.SingleLine = true;
            options.TimestampFormat = "HH:mm:ss ";
        });
    });
}
