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
        /// <summary>
        /// Whether PostgreSQL should run the statement's generic plan (planned once, for any parameter values) rather
        /// than plan it anew for each run's values. Only for a statement whose best plan does not depend on the values,
        /// such as rows found by a key's index. PostgreSQL keeps planning a statement anew when its estimates for the
        /// actual values come out cheaper than for unknown ones, even where both plans are the same: the org chart's
        /// posts and latest events were planned on every run, planning taking longer than running them (bench/README.md).
        /// </summary>
        public bool GenericPlan { get; init; }

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

    private const string ForceGenericPlans = "SET plan_cache_mode = force_generic_plan";

    private const string ResetPlanMode = "RESET plan_cache_mode";

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
                    // plan_cache_mode is set for the statements that ask for their generic plan and reset after them,
                    // within the round trip. SET and RESET return no result, so the reader sees only the statements'
                    // results; should a statement fail, PostgreSQL rolls the SET back with the batch's transaction.
                    var generic = false;
                    foreach (var statement in state.statements)
                    {
                        if (statement.GenericPlan != generic)
                        {
                            generic = statement.GenericPlan;
                            batch.BatchCommands.Add(new NpgsqlBatchCommand(generic ? ForceGenericPlans : ResetPlanMode));
                        }

                        batch.BatchCommands.Add(statement.Command());
                    }

                    if (generic)
                    {
                        batch.BatchCommands.Add(new NpgsqlBatchCommand(ResetPlanMode));
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

    /// <summary>A stored enum's value; one the code does not know reads as the enum's default, as EF Core reads one.</summary>
    public static TEnum Lenient<TEnum>(string value)
        where TEnum : struct, Enum => Enum.TryParse<TEnum>(value, out var parsed) ? parsed : default;
}
