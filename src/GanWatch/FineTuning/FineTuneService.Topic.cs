using GanWatch.Engine.Persistence;
using GanWatch.Models;
using GanWatch.Streaming.ModelDistribution;

namespace GanWatch.FineTuning;

/// <summary>Sharing model versions with the other instances of the group through the model topic.</summary>
internal sealed partial class FineTuneService
{
    private const string PublishOperation = "publish";
    private const string ImportOperation = "import";

    /// <summary>Reads the topic to its end, imports what is newer than the loaded models, then follows the topic.</summary>
    private async Task StartModelTopicAsync(CancellationToken cancellationToken)
    {
        var settings = ModelTopicSettings.From(_stream, _options.ModelTopic, _options.ChunkBytes);
        _reader = new ModelPackageReader(settings, _logger, _time);
        if (_options.Enabled)
        {
            _publisher = new ModelPackagePublisher(settings, _logger);
        }

        FineTuneLog.ReadingTopic(_logger, _options.ModelTopic);
        using var stoppingOrCancelled = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping.Token);
        IReadOnlyDictionary<string, ModelPackage> latest = await _reader.StartAsync(stoppingOrCancelled.Token).ConfigureAwait(false);
        foreach (ModelPackage package in latest.Values)
        {
            await ImportAsync(package, stoppingOrCancelled.Token).ConfigureAwait(false);
        }

        _reader.PackageReceived += package =>
        {
            _arrivals.Enqueue(package);
            Wake();
        };
    }

    private async Task ImportArrivalsAsync(CancellationToken stopping)
    {
        while (_arrivals.TryDequeue(out ModelPackage? package))
        {
            await ImportAsync(package, stopping).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Imports <paramref name="package"/> into every unpinned model of its lineage whose live version is older, makes
    /// it the repository's current version and swaps it in. Failures are logged and counted.
    /// </summary>
    private async Task ImportAsync(ModelPackage package, CancellationToken stopping)
    {
        using IDisposable turn = await _gate.EnterAsync(stopping).ConfigureAwait(false);
        foreach ((ModelSource source, EngineWindowModel live) in _router.Current.Models.ToList())
        {
            if (source.IsPinned || source.Lineage != package.Lineage || string.CompareOrdinal(package.Version, live.Version) <= 0)
            {
                continue;
            }

            try
            {
                Install(source, package);
                Swap(live, _router.Current.Load(source), "imported from the model topic");
                FineTuneLog.Imported(_logger, package.Lineage, package.Version, _options.ModelTopic, source.Directory);
                _metrics?.ModelTopicOperation(ImportOperation, succeeded: true);
            }
            catch (Exception error) when (error is not OutOfMemoryException)
            {
                FineTuneLog.ImportFailed(_logger, package.Lineage, package.Version, _options.ModelTopic, source.Directory, error);
                _metrics?.ModelTopicOperation(ImportOperation, succeeded: false);
            }
        }
    }

    /// <summary>Makes <paramref name="package"/>'s version the current one of <paramref name="source"/>'s repository.</summary>
    private void Install(ModelSource source, ModelPackage package)
    {
        ModelRepository repository = ModelRepository.Open(source.Directory);
        if (repository.List().Any(version => version.Version == package.Version))
        {
            // The repository has it already, for example a version this host fine-tuned before a rollback.
            repository.SetCurrent(package.Version);
            return;
        }

        // The staging directory sits inside the repository, on the same file system, and starts with a dot.
        string staging = Path.Combine(source.Directory, $".import-{package.Version}-{Guid.NewGuid():N}");
        try
        {
            ModelPackageArchive.Unpack(package.Content, staging);
            ModelFileRetry.Execute(source.Directory, () => repository.Import(staging, _options.KeepVersions));
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }

    /// <summary>
    /// Publishes a saved version and deletes the lineage's versions beyond <see cref="FineTuneServiceOptions.KeepVersions"/>
    /// from the topic. Failures are logged and counted; the caller continues with the local swap.
    /// </summary>
    private async Task PublishAsync(string lineage, ModelVersionInfo saved, CancellationToken stopping)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        timeout.CancelAfter(_options.PublishTimeout);
        try
        {
            byte[] package = ModelPackageArchive.Pack(saved.Directory);
            await _publisher!.EnsureTopicAsync(timeout.Token).ConfigureAwait(false);
            await _publisher.PublishAsync(lineage, saved.Version, package, timeout.Token).ConfigureAwait(false);
            _metrics?.ModelTopicOperation(PublishOperation, succeeded: true);
        }
        catch (Exception error) when (error is not OutOfMemoryException && !stopping.IsCancellationRequested)
        {
            FineTuneLog.PublishFailed(_logger, lineage, saved.Version, _options.ModelTopic, error);
            _metrics?.ModelTopicOperation(PublishOperation, succeeded: false);
            return;
        }

        await DeleteOldVersionsAsync(lineage, saved.Version, timeout.Token).ConfigureAwait(false);
    }

    private async Task DeleteOldVersionsAsync(string lineage, string published, CancellationToken cancellationToken)
    {
        IEnumerable<PublishedVersion> old = _reader!.PublishedVersions(lineage)
            .Where(version => version.Version != published)
            .OrderByDescending(version => version.Version, StringComparer.Ordinal)
            .Skip(_options.KeepVersions - 1);
        try
        {
            foreach (PublishedVersion version in old.ToList())
            {
                await _publisher!.DeleteAsync(lineage, version.Version, version.ChunkCount, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            FineTuneLog.TopicPruneFailed(_logger, lineage, _options.ModelTopic, error);
        }
    }
}
