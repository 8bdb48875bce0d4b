namespace GanWatch.Evaluation.Nab;

/// <summary>
/// A NAB application profile: the weights of a true positive, a false positive and a missed window (false negative).
/// </summary>
/// <param name="Name">The profile name as NAB spells it, for example <c>standard</c>.</param>
/// <param name="TruePositiveWeight">A_TP: the reward for a detection at the very start of a window.</param>
/// <param name="FalsePositiveWeight">A_FP: the cost of a detection far from every window.</param>
/// <param name="FalseNegativeWeight">A_FN: the cost of a window without any detection.</param>
public sealed record NabProfile(string Name, double TruePositiveWeight, double FalsePositiveWeight, double FalseNegativeWeight)
{
    /// <summary>NAB's <c>standard</c> profile: A_TP 1, A_FP 0.11, A_FN 1.</summary>
    public static NabProfile Standard { get; } = new("standard", 1.0, 0.11, 1.0);

    /// <summary>NAB's <c>reward_low_FP_rate</c> profile: A_TP 1, A_FP 0.22, A_FN 1.</summary>
    public static NabProfile RewardLowFalsePositives { get; } = new("reward_low_FP_rate", 1.0, 0.22, 1.0);

    /// <summary>NAB's <c>reward_low_FN_rate</c> profile: A_TP 1, A_FP 0.11, A_FN 2.</summary>
    public static NabProfile RewardLowFalseNegatives { get; } = new("reward_low_FN_rate", 1.0, 0.11, 2.0);

    /// <summary>The three NAB profiles in the order standard, reward_low_FP_rate, reward_low_FN_rate.</summary>
    public static IReadOnlyList<NabProfile> All { get; } = [Standard, RewardLowFalsePositives, RewardLowFalseNegatives];
}
