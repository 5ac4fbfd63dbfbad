using IldRegistry.Data;
using IldRegistry.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace IldRegistry.IntegrationTests.Performance;

/// <summary>
/// A batch statement that asks for its generic plan runs under <c>plan_cache_mode = force_generic_plan</c>, the others
/// under the connection's own setting, and the connection keeps its own setting after the batch, whether the batch
/// succeeds or fails: a pooled connection must not carry the setting to the next request.
/// </summary>
public sealed class GenericPlanTests(RegistryApiFactory factory) : ApiTest(factory)
{
    private const string Mode = "SELECT current_setting('plan_cache_mode')";

    [Fact]
    public async Task Only_the_statements_that_ask_run_their_generic_plan_and_the_connection_keeps_its_setting()
    {
        await using var scope = Factory.CreateScope(out var db);
        await db.Database.OpenConnectionAsync(Ct); // one connection for the batch and the checks after it

        var modes = await SqlBatch.ReadAsync(
            db,
            [
                new SqlBatch.Statement(Mode),
                new SqlBatch.Statement(Mode) { GenericPlan = true },
                new SqlBatch.Statement(Mode) { GenericPlan = true },
                new SqlBatch.Statement(Mode),
                new SqlBatch.Statement(Mode) { GenericPlan = true },
            ],
            async (reader, token) =>
            {
                var read = new List<string>();
                for (var i = 0; i < 5; i++)
                {
                    read.AddRange(await SqlBatch.RowsAsync(reader, r => r.GetString(0), token));
                }

                return read;
            },
            Ct);

        Assert.Equal(["auto", "force_generic_plan", "force_generic_plan", "auto", "force_generic_plan"], modes);
        Assert.Equal("auto", await ModeAsync(db, Ct));
    }

    [Fact]
    public async Task A_failing_statement_leaves_the_connection_with_its_own_setting()
    {
        await using var scope = Factory.CreateScope(out var db);
        await db.Database.OpenConnectionAsync(Ct);

        var failure = await Assert.ThrowsAsync<PostgresException>(() => SqlBatch.RowsAsync(
            db, new SqlBatch.Statement("SELECT 1 / 0") { GenericPlan = true }, r => r.GetInt32(0), Ct));

        Assert.Equal(PostgresErrorCodes.DivisionByZero, failure.SqlState);
        Assert.Equal("auto", await ModeAsync(db, Ct));
    }

    [Fact]
    public async Task In_a_transaction_the_setting_ends_with_the_batch_not_with_the_transaction()
    {
        await using var scope = Factory.CreateScope(out var db);
        await using var transaction = await db.Database.BeginTransactionAsync(Ct);

        var inside = await SqlBatch.RowsAsync(db, new SqlBatch.Statement(Mode) { GenericPlan = true }, r => r.GetString(0), Ct);

        Assert.Equal(["force_generic_plan"], inside);
        Assert.Equal("auto", await ModeAsync(db, Ct));
        await transaction.CommitAsync(Ct);
    }

    private static async Task<string> ModeAsync(RegistryDbContext db, CancellationToken ct) =>
        Assert.Single(await SqlBatch.RowsAsync(db, new SqlBatch.Statement(Mode), r => r.GetString(0), ct));
}
