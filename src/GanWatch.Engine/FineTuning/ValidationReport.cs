namespace GanWatch.Engine.FineTuning;

/// <summary>The numbers of the validation gate that compares a fine-tuned candidate with the live model.</summary>
/// <param name="LiveHeldOutScore">The live model's mean score on the held-out normal windows.</param>
/// <param name="CandidateHeldOutScore">The candidate's mean score on the same windows.</param>
/// <param name="ScoreRise">(candidate - live) / live of those means; 0.10 means 10 % higher, negative means lower.</param>
/// <param name="LiveAuc">The live model's ROC AUC of reference anomalies against the held-out normal windows.</param>
/// <param name="CandidateAuc">The candidate's ROC AUC on the same windows.</param>
/// <param name="ReferenceAnomalies">The number of reference anomaly windows.</param>
public sealed record ValidationReport(
    double LiveHeldOutScore,
    double CandidateHeldOutScore,
    double ScoreRise,
    double LiveAuc,
    double CandidateAuc,
    int ReferenceAnomalies);
