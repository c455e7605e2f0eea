namespace Pathways.Console;

/// <summary>The exit codes of <c>pathways</c> (CONTRACT §6), stable for scripts.</summary>
public static class ExitCodes
{
    /// <summary>Everything went well.</summary>
    public const int Success = 0;

    /// <summary>The command line is wrong: unknown command or option, missing argument, bad option value, unwritable output.</summary>
    public const int Usage = 1;

    /// <summary>A profile is missing, unreadable or breaks the profile contract (in a batch: at least one line did).</summary>
    public const int InvalidProfile = 2;

    /// <summary>A rule pack is missing or refused.</summary>
    public const int InvalidPack = 3;

    /// <summary>Something failed that is neither the input nor a pack: a defect to report.</summary>
    public const int Unexpected = 4;

    /// <summary>A pack's test case failed (<c>pathways test</c>).</summary>
    public const int TestFailed = 5;
}
