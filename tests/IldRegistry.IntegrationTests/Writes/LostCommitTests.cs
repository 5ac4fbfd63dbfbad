using System.Data.Common;
using System.Net;
using System.Text;
using IldRegistry.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace IldRegistry.IntegrationTests.Writes;

/// <summary>
/// Issue 17, part 5: a write whose COMMIT reached PostgreSQL but whose answer was lost (the connection broke) is not
/// written again by the retrying strategy, and a POST with an Idempotency-Key keeps its answer in the write's own
/// transaction, so nothing between the two can leave the key "in progress" or the write without its answer.
/// </summary>
public sealed class LostCommitTests(RegistryApiFactory factory) : ApiTest(factory)
{
    /// <summary>
    /// Throws, once armed, what Npgsql throws when the connection breaks while it reads a reply (a transient error
    /// the strategy retries): after the COMMIT, which PostgreSQL did carry out; or after SaveChanges, as a crash
    /// between the write and the rest of the request would.
    /// </summary>
    private sealed class Faults : DbTransactionInterceptor, ISaveChangesInterceptor
    {
        private int _commitAnswerLost;
        private int _failAfterSave;

        public int Commits;

        public void LoseNextCommitAnswer() => Volatile.Write(ref _commitAnswerLost, 1);

        public void FailAfterNextSave() => Volatile.Write(ref _failAfterSave, 1);

        public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref Commits);
            return Interlocked.Exchange(ref _commitAnswerLost, 0) == 1
                ? throw new NpgsqlException("Exception while reading from stream", new IOException("Connection reset by peer (made by the test, after the COMMIT)"))
                : Task.CompletedTask;
        }

        public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default) =>
            Interlocked.Exchange(ref _failAfterSave, 0) == 1
                ? throw new InvalidOperationException("The process died after the write (made by the test).")
                : ValueTask.FromResult(result);
    }

    private readonly Faults _faults = new();

    private WebApplicationFactory<Program> Host() =>
        Factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<IInterceptor>(_faults)));

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string name, string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/people")
        {
            Content = new StringContent($$"""{ "name": "{{name}}" }""", Encoding.UTF8, "application/json"),
        };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        return await client.SendAsync(request, Ct);
    }

    private async Task<long> CountAsync(string sql, params object[] values)
    {
        await using var connection = new NpgsqlConnection(Factory.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return (long)(await command.ExecuteScalarAsync(Ct))!;
    }

    private Task<long> PeopleNamedAsync(string name) => CountAsync("SELECT count(*) FROM people WHERE name = $1", name);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_create_whose_commit_answer_was_lost_is_a_201_and_written_once(bool withKey)
    {
        await using var host = Host();
        using var client = host.CreateJsonClient(RegistryApiFactory.EditorKey);
        var key = withKey ? Guid.NewGuid().ToString() : null;

        _faults.LoseNextCommitAnswer();
        var response = await PostAsync(client, "Lost Commit Person", key);
        var body = await response.ReadJsonAsync(HttpStatusCode.Created);

        Assert.Equal(1, await PeopleNamedAsync("Lost Commit Person"));
        var id = body["id"]!.GetValue<Guid>();
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM audit_entries WHERE entity_id = $1 AND action = 'Created'", id));
        if (withKey)
        {
            var again = await PostAsync(client, "Lost Commit Person", key);
            await again.ReadJsonAsync(HttpStatusCode.Created);
            Assert.Equal(response.Headers.Location, again.Headers.Location);
            Assert.Equal("true", Assert.Single(again.Headers.GetValues("Idempotent-Replayed")));
            Assert.Equal(1, await PeopleNamedAsync("Lost Commit Person"));
        }
    }

    [Fact]
    public async Task An_update_whose_commit_answer_was_lost_is_a_200_not_a_412()
    {
        await using var host = Host();
        using var client = host.CreateJsonClient(RegistryApiFactory.EditorKey);
        var created = await (await PostAsync(client, "Before The Lost Commit", null)).ReadJsonAsync(HttpStatusCode.Created);
        var url = $"/api/v1/people/{created["id"]}";

        _faults.LoseNextCommitAnswer();
        var updated = await (await client.PutCurrentAsync(url, new { name = "After The Lost Commit" }, Ct)).ReadJsonAsync(HttpStatusCode.OK);

        Assert.Equal("After The Lost Commit", updated["name"]!.GetValue<string>());
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM audit_entries WHERE entity_id = $1 AND action = 'Updated'", created["id"]!.GetValue<Guid>()));
    }

    [Fact]
    public async Task A_keyed_create_that_fails_after_its_write_leaves_nothing_so_the_retry_writes_it_once()
    {
        await using var host = Host();
        using var client = host.CreateJsonClient(RegistryApiFactory.EditorKey);
        var key = Guid.NewGuid().ToString();

        _faults.FailAfterNextSave();
        var failed = await PostAsync(client, "Crashed After Write", key);
        await failed.ReadProblemAsync(HttpStatusCode.InternalServerError);
        Assert.Equal(0, await PeopleNamedAsync("Crashed After Write"));
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM idempotency_records WHERE key = $1", key));

        var retried = await PostAsync(client, "Crashed After Write", key);
        await retried.ReadJsonAsync(HttpStatusCode.Created);
        Assert.False(retried.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(1, await PeopleNamedAsync("Crashed After Write"));
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM idempotency_records WHERE key = $1 AND status = 201", key));
    }

    [Fact]
    public async Task A_key_whose_first_request_is_still_running_is_409_with_retry_after_then_free_when_it_ends()
    {
        var key = Guid.NewGuid().ToString();

        // The first request, as the API runs it: the claim is held, uncommitted, for as long as the request runs.
        await using var first = new NpgsqlConnection(Factory.ConnectionString);
        await first.OpenAsync(Ct);
        await using var transaction = await first.BeginTransactionAsync(Ct);
        await using (var claim = new NpgsqlCommand("INSERT INTO idempotency_records (actor, key, request_hash, status) VALUES ('test-editor', $1, 'x', 0)", first, transaction))
        {
            claim.Parameters.Add(new NpgsqlParameter { Value = key });
            await claim.ExecuteNonQueryAsync(Ct);
        }

        var running = await PostAsync(Client, "Still Running", key);
        await running.ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("1", Assert.Single(running.Headers.GetValues("Retry-After")));

        // It died without committing: the key is free, as if never used.
        await transaction.RollbackAsync(Ct);
        await (await PostAsync(Client, "Still Running", key)).ReadJsonAsync(HttpStatusCode.Created);
        Assert.Equal(1, await PeopleNamedAsync("Still Running"));
    }
}
