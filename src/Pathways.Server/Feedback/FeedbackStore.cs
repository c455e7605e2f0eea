using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Pathways.Server.Feedback;

/// <summary>A card as issued: which intervention it advised and under which rule set.</summary>
internal sealed record IssuedCard(string Uuid, string InterventionId);

/// <summary>One piece of caseworker feedback, as received (already checked).</summary>
internal sealed record FeedbackItem(string Card, string Outcome, string? OverrideReason, DateTimeOffset OutcomeTimestamp);

/// <summary>The counts for one intervention in the feedback summary.</summary>
internal sealed record InterventionFeedback(string Id, long Accepted, long Overridden, IReadOnlyList<ReasonCount> OverrideReasons);

/// <summary>How often one override reason was given.</summary>
internal sealed record ReasonCount(string Code, long Count);

/// <summary>
/// Keeps issued cards and caseworker feedback in one SQLite file, so that feedback on a card issued by an earlier
/// process still resolves and counts survive restarts. Stores the card's uuid, intervention id, rule-set hash,
/// outcome, override reason code and timestamps — never anything from the profile, and not the free-text
/// <c>userComment</c>, which could name the citizen. The schema version is kept in <c>PRAGMA user_version</c>.
/// Writes are serialised in the process (SQLite allows one writer), so concurrent feedback never loses a row.
/// </summary>
internal sealed class FeedbackStore : IHostedService
{
    /// <summary>The schema version this server writes.</summary>
    public const int SchemaVersion = 1;

    private readonly string _connectionString;
    private readonly ILogger<FeedbackStore> _logger;
    private readonly SemaphoreSlim _write = new(1, 1);
    private int _initialized;

    public FeedbackStore(IOptions<ServerSettings> settings, ILogger<FeedbackStore> logger)
    {
        Path = System.IO.Path.GetFullPath(settings.Value.FeedbackDatabase);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = Path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = true, DefaultTimeout = 30 }.ToString();
        _logger = logger;
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        Initialize();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        SqliteConnection.ClearAllPools();
        return Task.CompletedTask;
    }

    /// <summary>Creates the file and schema on first start; refuses a file written by a newer server.</summary>
    public void Initialize()
    {
        if (Interlocked.Exchange(ref _initialized, 1) == 1) return;
        if (System.IO.Path.GetDirectoryName(Path) is { Length: > 0 } folder) Directory.CreateDirectory(folder);
        using var connection = Open();
        Execute(connection, "PRAGMA journal_mode = WAL;");
        var version = Convert.ToInt32(Scalar(connection, "PRAGMA user_version;"), CultureInfo.InvariantCulture);
        if (version > SchemaVersion)
        {
            throw new InvalidOperationException(
                $"The feedback database {Path} has schema version {version}, newer than the {SchemaVersion} this server knows; use a newer server or another Server:FeedbackDatabase.");
        }

        if (version < 1)
        {
            using var tx = connection.BeginTransaction();
            Execute(connection, """
                CREATE TABLE IF NOT EXISTS cards (
                    uuid TEXT PRIMARY KEY NOT NULL,
                    intervention_id TEXT NOT NULL,
                    rule_set_hash TEXT NOT NULL,
                    issued_at TEXT NOT NULL
                );
                CREATE TABLE IF NOT EXISTS feedback (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    card_uuid TEXT NOT NULL REFERENCES cards(uuid),
                    intervention_id TEXT NOT NULL,
                    rule_set_hash TEXT NOT NULL,
                    outcome TEXT NOT NULL CHECK (outcome IN ('accepted', 'overridden')),
                    override_reason TEXT NULL,
                    outcome_at TEXT NOT NULL,
                    received_at TEXT NOT NULL
                );
                CREATE INDEX IF NOT EXISTS feedback_by_intervention ON feedback(intervention_id, outcome);
                PRAGMA user_version = 1;
                """, tx);
            tx.Commit();
            _logger.LogInformation("Created the feedback database {Path} with schema version {Version}", Path, SchemaVersion);
        }
    }

    /// <summary>Records the cards of one answer before it is sent, so that feedback on them always resolves.</summary>
    public async Task RecordCardsAsync(IReadOnlyList<IssuedCard> cards, string ruleSetHash, DateTimeOffset issuedAt, CancellationToken cancellationToken)
    {
        if (cards.Count == 0) return;
        await _write.WaitAsync(cancellationToken);
        try
        {
            using var connection = Open();
            using var tx = connection.BeginTransaction();
            using var insert = connection.CreateCommand();
            insert.Transaction = tx;
            insert.CommandText = "INSERT INTO cards (uuid, intervention_id, rule_set_hash, issued_at) VALUES ($uuid, $intervention, $hash, $at);";
            var uuid = insert.Parameters.Add("$uuid", SqliteType.Text);
            var intervention = insert.Parameters.Add("$intervention", SqliteType.Text);
            insert.Parameters.AddWithValue("$hash", ruleSetHash);
            insert.Parameters.AddWithValue("$at", Timestamp(issuedAt));
            foreach (var card in cards)
            {
                uuid.Value = card.Uuid;
                intervention.Value = card.InterventionId;
                insert.ExecuteNonQuery();
            }

            tx.Commit();
        }
        finally
        {
            _write.Release();
        }
    }

    /// <summary>
    /// Stores every item, or none: when a card is unknown nothing is stored and the unknown uuids are returned.
    /// </summary>
    /// <returns>The unknown cards (nothing stored), or the stored items with their intervention ids.</returns>
    public async Task<(IReadOnlyList<string> Unknown, IReadOnlyList<(FeedbackItem Item, string InterventionId)> Stored)> StoreAsync(
        IReadOnlyList<FeedbackItem> items, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        await _write.WaitAsync(cancellationToken);
        try
        {
            using var connection = Open();
            using var tx = connection.BeginTransaction();
            using var find = connection.CreateCommand();
            find.Transaction = tx;
            find.CommandText = "SELECT intervention_id, rule_set_hash FROM cards WHERE uuid = $uuid;";
            var findUuid = find.Parameters.Add("$uuid", SqliteType.Text);
            var resolved = new List<(FeedbackItem Item, string Intervention, string Hash)>(items.Count);
            var unknown = new List<string>();
            foreach (var item in items)
            {
                findUuid.Value = item.Card;
                using var reader = find.ExecuteReader();
                if (reader.Read()) resolved.Add((item, reader.GetString(0), reader.GetString(1)));
                else if (!unknown.Contains(item.Card, StringComparer.Ordinal)) unknown.Add(item.Card);
            }

            if (unknown.Count > 0) return (unknown, Array.Empty<(FeedbackItem, string)>());

            using var insert = connection.CreateCommand();
            insert.Transaction = tx;
            insert.CommandText = """
                INSERT INTO feedback (card_uuid, intervention_id, rule_set_hash, outcome, override_reason, outcome_at, received_at)
                VALUES ($card, $intervention, $hash, $outcome, $reason, $outcomeAt, $receivedAt);
                """;
            var card = insert.Parameters.Add("$card", SqliteType.Text);
            var intervention = insert.Parameters.Add("$intervention", SqliteType.Text);
            var hash = insert.Parameters.Add("$hash", SqliteType.Text);
            var outcome = insert.Parameters.Add("$outcome", SqliteType.Text);
            var reason = insert.Parameters.Add("$reason", SqliteType.Text);
            var outcomeAt = insert.Parameters.Add("$outcomeAt", SqliteType.Text);
            insert.Parameters.AddWithValue("$receivedAt", Timestamp(receivedAt));
            foreach (var (item, interventionId, ruleSetHash) in resolved)
            {
                card.Value = item.Card;
                intervention.Value = interventionId;
                hash.Value = ruleSetHash;
                outcome.Value = item.Outcome;
                reason.Value = (object?)item.OverrideReason ?? DBNull.Value;
                outcomeAt.Value = Timestamp(item.OutcomeTimestamp);
                insert.ExecuteNonQuery();
            }

            tx.Commit();
            return (Array.Empty<string>(), resolved.Select(r => (r.Item, r.Intervention)).ToArray());
        }
        finally
        {
            _write.Release();
        }
    }

    /// <summary>Accepted and overridden counts per intervention, with the override reasons; optionally for one rule set only.</summary>
    public IReadOnlyList<InterventionFeedback> Summary(string? ruleSetHash)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT intervention_id, outcome, COALESCE(override_reason, ''), COUNT(*)
            FROM feedback
            WHERE $hash IS NULL OR rule_set_hash = $hash
            GROUP BY intervention_id, outcome, override_reason
            ORDER BY intervention_id, outcome, override_reason;
            """;
        command.Parameters.AddWithValue("$hash", (object?)ruleSetHash ?? DBNull.Value);
        var rows = new List<(string Id, string Outcome, string Reason, long Count)>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read()) rows.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3)));
        }

        return rows
            .GroupBy(r => r.Id, StringComparer.Ordinal)
            .Select(g => new InterventionFeedback(
                g.Key,
                g.Where(r => r.Outcome == "accepted").Sum(r => r.Count),
                g.Where(r => r.Outcome == "overridden").Sum(r => r.Count),
                g.Where(r => r.Outcome == "overridden" && r.Reason.Length > 0).Select(r => new ReasonCount(r.Reason, r.Count)).ToArray()))
            .ToArray();
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        Execute(connection, "PRAGMA busy_timeout = 30000; PRAGMA foreign_keys = ON;");
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql, SqliteTransaction? tx = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private static string Timestamp(DateTimeOffset t) => t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
