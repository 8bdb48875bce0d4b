using Confluent.Kafka;
using GanWatch.Streaming.Diagnostics;
using Microsoft.Extensions.Logging;

namespace GanWatch.Streaming.Processing;

/// <summary>Routes client error callbacks: fatal errors fault the processor, others are logged and retried by librdkafka.</summary>
internal static class KafkaErrors
{
    public static void Report(Error error, string client, ILogger logger, CompletionQueue completions)
    {
        if (error.IsFatal)
        {
            Log.FatalKafkaError(logger, client, error.Code.ToString(), error.Reason);
            completions.Fail(new KafkaException(error));
            return;
        }

        Log.KafkaError(logger, client, error.Code.ToString(), error.Reason);
    }
}
