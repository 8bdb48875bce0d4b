namespace GanWatch.Cli;

/// <summary>Process exit codes shared by every command.</summary>
internal static class ExitCodes
{
    /// <summary>The command finished its work.</summary>
    public const int Success = 0;

    /// <summary>The command failed at run time, for example a broker or model error.</summary>
    public const int Failure = 1;

    /// <summary>An input file or an option value is invalid.</summary>
    public const int InvalidInput = 2;
}
