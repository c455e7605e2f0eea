namespace Pathways.Server;

/// <summary>The server's own settings, from the configuration section <c>Server</c>.</summary>
internal sealed class ServerSettings
{
    /// <summary>The address the server listens on when neither <c>--urls</c> nor <c>ASPNETCORE_URLS</c> is given.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <summary>The largest body of every request but a batch: 1 MB (CONTRACT §7).</summary>
    public const long MaxBodyBytes = 1024 * 1024;

    /// <summary>
    /// The SQLite file that keeps issued cards and caseworker feedback; created with its folder on first start.
    /// Default: <c>Pathways/feedback.db</c> under the user's local application data folder.
    /// </summary>
    public string FeedbackDatabase { get; set; } = Path.Combine(
        Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify),
        "Pathways",
        "feedback.db");

    /// <summary>The largest NDJSON body of <c>POST /v1/batch</c>; a batch streams, so this may be far over 1 MB. Default 1 GiB.</summary>
    public long MaxBatchBytes { get; set; } = 1L << 30;
}
