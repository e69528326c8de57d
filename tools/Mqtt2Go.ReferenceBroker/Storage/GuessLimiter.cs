using System.Data.Common;

namespace Mqtt2Go.ReferenceBroker.Storage;

/// <summary>
/// Limits activation-code guesses per scope (a requester, or everyone together) in fixed windows, with the counters in the
/// reference database (table <c>activation_guesses</c>), so a restart does not clear them.
/// </summary>
/// <remarks>
/// An attempt is counted in every scope when it begins, before the code is checked, so parallel requests cannot slip
/// past the limit while the first ones are being verified; an attempt that turns out not to be a guess (right code, or a
/// refusal that says nothing about the code) is refunded. Nothing is counted per device id: whoever knows a device id
/// can use up only their own budget, never lock the device out for its owner.
/// </remarks>
public sealed class GuessLimiter
{
    private readonly ReferenceDatabase _database;
    private readonly TimeProvider _time;
    private readonly TimeSpan _window;
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Creates the limiter; <paramref name="window"/> is the length of each counting window.</summary>
    public GuessLimiter(ReferenceDatabase database, TimeProvider time, TimeSpan window)
    {
        _database = database;
        _time = time;
        _window = window;
    }

    /// <summary>One counter: a scope name (e.g. <c>cloud:home:home1</c>) and the attempts it allows per window.</summary>
    public sealed record Scope(string Name, int Limit);

    /// <summary>Counts an attempt in every scope; returns null when allowed, else the name of the first exhausted scope (then nothing is counted).</summary>
    public async Task<string?> TryBeginAsync(IReadOnlyList<Scope> scopes, CancellationToken cancellationToken = default)
    {
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

            // _gate orders the attempts of this process; the lock those of every process on one PostgreSQL (on SQLite
            // the write transaction is exclusive already). Without it two instances read the same count and both pass.
            await ReferenceDatabase.LockAsync(connection, transaction, ReferenceDatabase.GuessLockKey, cancellationToken).ConfigureAwait(false);
            var rows = new List<(string Name, long WindowStart, long Attempts)>();
            foreach (var scope in scopes)
            {
                var (windowStart, attempts) = await ReadAsync(connection, transaction, scope.Name, cancellationToken).ConfigureAwait(false);
                if (now - windowStart >= (long)_window.TotalMilliseconds)
                {
                    (windowStart, attempts) = (now, 0);
                }

                if (attempts >= scope.Limit)
                {
                    return scope.Name;
                }

                rows.Add((scope.Name, windowStart, attempts + 1));
            }

            foreach (var row in rows)
            {
                await WriteAsync(connection, transaction, row.Name, row.WindowStart, row.Attempts, cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return null;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Gives back an attempt counted by <see cref="TryBeginAsync"/> that was not a wrong guess.</summary>
    public async Task RefundAsync(IReadOnlyList<Scope> scopes, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
            foreach (var scope in scopes)
            {
                await using var command = ReferenceDatabase.Command(connection,
                    "UPDATE activation_guesses SET attempts = attempts - 1 WHERE scope = @scope AND attempts > 0", ("@scope", scope.Name));
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private Task<DbConnection> OpenAsync(CancellationToken cancellationToken) => _database.OpenAsync(cancellationToken);

    private static async Task<(long WindowStart, long Attempts)> ReadAsync(DbConnection connection, DbTransaction transaction, string scope, CancellationToken cancellationToken)
    {
        await using var select = ReferenceDatabase.Command(connection, "SELECT window_start, attempts FROM activation_guesses WHERE scope = @scope", ("@scope", scope));
        select.Transaction = transaction;
        await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? (reader.GetInt64(0), reader.GetInt64(1)) : (long.MinValue / 2, 0);
    }

    private static async Task WriteAsync(DbConnection connection, DbTransaction transaction, string scope, long windowStart, long attempts, CancellationToken cancellationToken)
    {
        await using var upsert = ReferenceDatabase.Command(connection,
            """
            INSERT INTO activation_guesses (scope, window_start, attempts) VALUES (@scope, @start, @attempts)
            ON CONFLICT (scope) DO UPDATE SET window_start = excluded.window_start, attempts = excluded.attempts
            """,
            ("@scope", scope), ("@start", windowStart), ("@attempts", attempts));
        upsert.Transaction = transaction;
        await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
