using Confluent.Kafka;
using GanWatch.Streaming.Diagnostics;
using GanWatch.Streaming.Kafka;
using Microsoft.Extensions.Logging;

namespace GanWatch.Streaming.Processing;

/// <summary>Forwards librdkafka's own log lines to an <see cref="ILogger"/> instead of standard error.</summary>
internal static class LibrdkafkaLog
{
    private static readonly EventId EventId = new(20, "Librdkafka");

    /// <summary>
    /// Writes <paramref name="message"/> at the matching level after <paramref name="redactor"/> masks secrets, because
    /// librdkafka's <c>debug=conf</c> and connection errors print configuration values.
    /// </summary>
    public static void Write(ILogger logger, LogMessage message, LogRedactor redactor)
    {
        LogLevel level = message.Level switch
        {
            SyslogLevel.Emergency or SyslogLevel.Alert or SyslogLevel.Critical => LogLevel.Critical,
            SyslogLevel.Error => LogLevel.Error,
            SyslogLevel.Warning => LogLevel.Warning,
            SyslogLevel.Notice or SyslogLevel.Info => LogLevel.Information,
            _ => LogLevel.Debug,
        };

        if (!logger.IsEnabled(level))
        {
            return;
        }

        // Warnings and errors repeat on every reconnect attempt while a broker is unreachable, so identical lines are
        // written at most once per interval with a count of the skipped ones.
        int suppressed = 0;
        if (level >= LogLevel.Warning && !RepeatThrottle.Kafka.ShouldWrite($"{message.Name}|{message.Facility}|{message.Message}", out suppressed))
        {
            return;
        }

        string text = redactor.Redact(message.Message);
        if (suppressed > 0)
        {
            logger.Log(level, EventId, "librdkafka {Client} {Facility}: {Message} (repeated {Repeats} times since the last line)", message.Name, message.Facility, text, suppressed);
        }
        else
        {
            logger.Log(level, EventId, "librdkafka {Client} {Facility}: {Message}", message.Name, message.Facility, text);
        }
    }
}
