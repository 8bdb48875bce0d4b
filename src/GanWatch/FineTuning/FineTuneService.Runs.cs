using GanWatch.Engine;
using GanWatch.Engine.FineTuning;
using GanWatch.Engine.Persistence;
using GanWatch.Metrics;
using GanWatch.Models;

namespace GanWatch.FineTuning;

/// <summary>Scheduled and requested fine-tuning runs.</summary>
internal sealed partial class FineTuneService
{
    /// <summary>Runs every model whose run is due or was requested, while this instance owns partition 0.</summary>
    private async Task RunDueAsync(CancellationToken stopping)
    {
        bool requested = Interlocked.Exchange(ref _requested, 0) == 1;
        bool owner = _processor.IsAssigned(0);
        if (requested && !owner)
        {
            FineTuneLog.RequestIgnoredNotOwner(_logger);
        }

        if (requested)
        {
            LogPinnedModels();
        }

        foreach ((ModelSource source, NormalWindowBuffer buffer) in _buffers.Buffers.ToList())
        {
            _metrics?.SetBufferedWindows(source.Directory, buffer.Count);
            if (owner && (_schedule.IsDue(source, buffer.Seen) || requested))
            {
                await RunOnceAsync(source, buffer, requested ? "requested" : "scheduled", stopping).ConfigureAwait(false);
            }
        }
    }

    private async Task RunOnceAsync(ModelSource source, NormalWindowBuffer buffer, string trigger, CancellationToken stopping)
    {
        EngineWindowModel live;
        GanModel parent;
        using (await _gate.EnterAsync(stopping).ConfigureAwait(false))
        {
            // Under the gate no swap can retire, and so dispose, the live model while it is copied.
            if (!_router.Current.Models.TryGetValue(source, out EngineWindowModel? current))
            {
                return;
            }

            live = current;
            parent = live.Model.Clone();
        }

        _schedule.Started(source, buffer.Seen);
        FineTuneResult result;
        try
        {
            BufferSnapshot recent = buffer.Snapshot();
            FineTuneLog.RunStarting(_logger, source.Directory, live.Version, trigger, recent.Windows.Count);
            result = await OnTrainingThreadAsync(() => FineTuner.Run(parent, recent, _options.Tuning, null, _time, stopping)).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            return;
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            FineTuneLog.RunFailed(_logger, source.Directory, error);
            _metrics?.FineTuneFinished(source.Directory, GanWatchMetrics.Failed, TimeSpan.Zero, double.NaN, null);
            return;
        }
        finally
        {
            parent.Dispose();
        }

        using (result)
        {
            await FinishRunAsync(source, live, result, stopping).ConfigureAwait(false);
        }
    }

    private async Task FinishRunAsync(ModelSource source, EngineWindowModel live, FineTuneResult result, CancellationToken stopping)
    {
        FineTuneValidation? validation = result.Validation is { } report
            ? new FineTuneValidation(report.LiveAuc, report.CandidateAuc, report.ScoreRise)
            : null;
        string outcome;
        switch (result.Outcome)
        {
            case FineTuneOutcome.Skipped:
                FineTuneLog.RunSkipped(_logger, source.Directory, result.Reason);
                outcome = GanWatchMetrics.Skipped;
                break;
            case FineTuneOutcome.Rejected:
                FineTuneLog.RunRejected(_logger, source.Directory, result.Duration, result.Reason, validation?.LiveAuc ?? double.NaN,
                    validation?.CandidateAuc ?? double.NaN, validation?.ScoreRise ?? double.NaN);
                outcome = GanWatchMetrics.Rejected;
                break;
            default:
                FineTuneLog.RunAccepted(_logger, source.Directory, result.Duration, result.Reason);
                outcome = await InstallFineTunedAsync(source, live, result.TakeCandidate(), stopping).ConfigureAwait(false);
                break;
        }

        _metrics?.FineTuneFinished(source.Directory, outcome, result.Duration, result.WassersteinEstimate, validation);
    }

    /// <summary>
    /// Saves an accepted candidate as the repository's new current version, publishes it when a model topic is set, and
    /// swaps it in. Returns the run's outcome for metrics: <see cref="GanWatchMetrics.Accepted"/> when swapped in,
    /// <see cref="GanWatchMetrics.Skipped"/> when a reload replaced the live model during the run, or
    /// <see cref="GanWatchMetrics.Failed"/> when saving failed. The candidate is disposed unless swapped in.
    /// </summary>
    internal async Task<string> InstallFineTunedAsync(ModelSource source, EngineWindowModel live, GanModel candidate, CancellationToken stopping)
    {
        using IDisposable turn = await _gate.EnterAsync(stopping).ConfigureAwait(false);
        if (!IsLive(live, out string liveVersion))
        {
            // The candidate descends from a model that is no longer used, for example after a rollback and reload.
            FineTuneLog.SwapDiscarded(_logger, source.Directory, candidate.ModelVersion, "fine-tuned", liveVersion);
            candidate.Dispose();
            return GanWatchMetrics.Skipped;
        }

        ModelVersionInfo saved;
        try
        {
            saved = ModelFileRetry.Execute(source.Directory, () => ModelRepository.Open(source.Directory).Add(candidate, _options.KeepVersions));
        }
        catch (Exception error) when (error is ModelFileException or IOException or UnauthorizedAccessException)
        {
            FineTuneLog.SaveFailed(_logger, source.Directory, error);
            candidate.Dispose();
            return GanWatchMetrics.Failed;
        }

        var replacement = EngineWindowModel.Create(candidate, source);
        if (_publisher is not null)
        {
            await PublishAsync(source.Lineage, saved, stopping).ConfigureAwait(false);
        }

        Swap(live, replacement, "fine-tuned");
        return GanWatchMetrics.Accepted;
    }

    /// <summary>Runs <paramref name="work"/> on a new dedicated thread, so that a long training run blocks no thread-pool thread.</summary>
    private static Task<T> OnTrainingThreadAsync<T>(Func<T> work)
    {
        var completion = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                completion.SetResult(work());
            }
            catch (Exception error)
            {
                completion.SetException(error);
            }
        })
        {
            IsBackground = true,
            Name = "ganwatch-fine-tune",
        };
        thread.Start();
        return completion.Task;
    }
}
