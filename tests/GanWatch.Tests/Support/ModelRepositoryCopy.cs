using GanWatch.Engine;
using GanWatch.Engine.Devices;
using GanWatch.Engine.Persistence;

namespace GanWatch.Tests.Support;

/// <summary>Model repositories made from the trained test model.</summary>
public static class ModelRepositoryCopy
{
    /// <summary>Copies the model directory written by training to <paramref name="target"/>, a plain repository with one version.</summary>
    public static string Plain(TrainedModelFixture model, string target)
    {
        Directory.CreateDirectory(target);
        foreach (string file in Directory.GetFiles(model.ModelDirectory))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }

        return target;
    }

    /// <summary>
    /// Copies the trained model to <paramref name="target"/> and adds the same weights as a second version named
    /// <paramref name="secondVersion"/>, which becomes current.
    /// </summary>
    public static string WithSecondVersion(TrainedModelFixture model, string target, string secondVersion)
    {
        Plain(model, target);
        using GanModel second = GanModel.Load(target, DeviceSelector.Resolve("cpu"));
        second.ModelVersion = secondVersion;
        ModelRepository.Open(target).Add(second, keep: 5);
        return target;
    }
}
