using Confluent.Kafka;
using GanWatch.Streaming.Diagnostics;
using GanWatch.Streaming.Kafka;
using Microsoft.Extensions.Logging;

namespace GanWatch.Streaming.Processing;

/// <summary>Routes client error callbacks: fatal errors fault the processor, others are logged and retried by librdkafka.</summary>
internal static class KafkaErrors
{
    public static void Report(Error error, string client, ILogger logger, CompletionQueue completions, LogRedactor redactor)
    {
        string reason = redactor.Redact(error.Reason);
        if (error.IsFatal)
        {
            Log.FatalKafkaError(logger, client, error.Code.ToString(), reason);
            completions.Fail(new KafkaException(new Error(error.Code, reason, isFatal: true)));
            return;
        }

        // librdkafka retries transient errors itself and reports each attempt, so repeats are throttled.
        if (RepeatThrottle.Kafka.ShouldWrite($"{client}|{error.Code}|{error.Reason}", out _))
        {
            Log.KafkaError(logger, client, error.Code.ToString(), reason);
        }
    }
}
