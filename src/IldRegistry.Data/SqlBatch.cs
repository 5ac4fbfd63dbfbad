using System.Data.Common;
using IldRegistry.Data.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace IldRegistry.Data;

/// <summary>
/// Several read statements sent to PostgreSQL in one round trip (an <see cref="NpgsqlBatch"/>), for a response that
/// needs the rows of several independent queries: EF Core sends each of its queries on its own. The batch runs on the
/// context's connection, opened by EF Core, so that the context's interceptors choose the server
/// (<see cref="Replication.StandbyRouting"/>), in its transaction if it has one, under its execution strategy (a
/// transient fault retries the whole batch), and <see cref="QueryCounter"/> counts it as one round trip.
/// </summary>
public static class SqlBatch
{
    /// <summary>One statement of a batch and its parameters.</summary>
    public sealed record Statement(string Sql, params NpgsqlParameter[] Parameters)
    {
        // A new command with copies of the parameters for each attempt: a parameter belongs to one command only.
        internal NpgsqlBatchCommand Command()
        {
            var command = new NpgsqlBatchCommand(Sql);
            foreach (var parameter in Parameters)
            {
                command.Parameters.Add(parameter.Clone());
            }

            return command;
        }
    }

    /// <summary>Sends <paramref name="statements"/> in one round trip; <paramref name="read"/> reads their results in order.</summary>
    public static Task<T> ReadAsync<T>(
        RegistryDbContext db, IReadOnlyList<Statement> statements, Func<DbDataReader, CancellationToken, Task<T>> read, CancellationToken ct) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(
            (db, statements, read),
            async (_, state, token) =>
            {
                await state.db.Database.OpenConnectionAsync(token);
                try
                {
                    await using var batch = new NpgsqlBatch(
                        (NpgsqlConnection)state.db.Database.GetDbConnection(),
                        (NpgsqlTransaction?)state.db.Database.CurrentTransaction?.GetDbTransaction());
                    foreach (var statement in state.statements)
                    {
                        batch.BatchCommands.Add(statement.Command());
                    }

                    var timeout = state.db.Database.GetCommandTimeout();
                    if (timeout is { } seconds)
                    {
                        batch.Timeout = seconds;
                    }

                    QueryCounter.CountRoundTrip();
                    await using var reader = await batch.ExecuteReaderAsync(token);
                    return await state.read(reader, token);
                }
                finally
                {
                    await state.db.Database.CloseConnectionAsync();
                }
            },
            null,
            ct);

    /// <summary>The rows of one statement, read by <paramref name="row"/>: <see cref="ReadAsync{T}"/> for a batch of one.</summary>
    public static Task<List<T>> RowsAsync<T>(RegistryDbContext db, Statement statement, Func<DbDataReader, T> row, CancellationToken ct) =>
        ReadAsync(db, [statement], (reader, token) => RowsAsync(reader, row, token), ct);

    /// <summary>The rows of the reader's current result, then moves it to the next result.</summary>
    public static async Task<List<T>> RowsAsync<T>(DbDataReader reader, Func<DbDataReader, T> row, CancellationToken ct)
    {
        var rows = new List<T>();
        while (await reader.ReadAsync(ct))
        {
            rows.Add(row(reader));
        }

        await reader.NextResultAsync(ct);
        return rows;
    }

    /// <summary>The text in column <paramref name="name"/>, or null.</summary>
    public static string? Text(DbDataReader reader, string name) => Text(reader, reader.GetOrdinal(name));

    /// <summary>The text in column <paramref name="ordinal"/>, or null.</summary>
    public static string? Text(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
