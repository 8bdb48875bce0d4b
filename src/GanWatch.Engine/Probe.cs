namespace GanWatch.Engine; public static class Probe { public static string Run() { using var t = TorchSharp.torch.ones(3); return t.sum().item<float>().ToString(); } }
