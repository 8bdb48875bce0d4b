using Confluent.Kafka;
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

        if (logger.IsEnabled(level))
        {
            logger.Log(level, EventId, "librdkafka {Client} {Facility}: {Message}", message.Name, message.Facility, redactor.Redact(message.Message));
        }
    }
}
