using System.Net;
using System.Text.Json.Nodes;
using IldRegistry.Domain.People;
using IldRegistry.IntegrationTests.ExportImport;
using IldRegistry.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace IldRegistry.IntegrationTests.Changes;

public sealed class ChangeFeedTests(RegistryApiFactory factory) : ApiTest(factory)
{
    private const string Url = "/api/v1/changes";

    /// <summary>Every item from <paramref name="cursor"/> on, following <c>next</c> until the reader is up to date.</summary>
    private async Task<(List<JsonObject> Items, string Next)> ReadAllAsync(string cursor = "0", int limit = 50)
    {
        var items = new List<JsonObject>();
        while (true)
        {
            using var response = await Anonymous.GetAsync($"{Url}?after={Uri.EscapeDataString(cursor)}&limit={limit}", Ct);
            var page = await response.ReadJsonAsync(HttpStatusCode.OK);
            items.AddRange(page["items"]!.AsArray().Select(i => i!.AsObject()));
            cursor = page["next"]!.GetValue<string>();
            if (!page["hasMore"]!.GetValue<bool>())
            {
                Assert.Equal("1", response.Headers.GetValues("Retry-After").Single());
                return (items, cursor);
            }

            Assert.False(response.Headers.Contains("Retry-After"));
        }
    }

    /// <summary>
    /// Runs <paramref name="write"/> in a transaction of its own (through the retrying strategy, as the API does), holds
    /// the transaction open until <paramref name="release"/> completes, then commits or rolls back.
    /// </summary>
    private async Task<T> WriteInTransactionAsync<T>(Func<Data.RegistryDbContext, Task<T>> write, Task release, bool commit)
    {
        await using var scope = Factory.CreateScope(out var db);
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(Ct);
            var result = await write(db);
            await release;
            if (commit)
            {
                await transaction.CommitAsync(Ct);
            }
            else
            {
                await transaction.RollbackAsync(Ct);
            }

            return result;
        });
    }

    /// <summary>Waits until some transaction holds an xid, i.e. has written and not yet ended.</summary>
    private async Task WaitForOpenWriterAsync()
    {
        await using var scope = Factory.CreateScope(out var db);
        for (var i = 0; i < 200; i++)
        {
            var open = await db.Database.SqlQuery<int>($"SELECT count(*)::int AS \"Value\" FROM pg_stat_activity WHERE backend_xid IS NOT NULL AND pid <> pg_backend_pid()").SingleAsync(Ct);
            if (open > 0)
            {
                return;
            }

            await Task.Delay(25, Ct);
        }

        Assert.Fail("The older writer never began.");
    }

    [Fact]
    public async Task The_feed_starts_with_the_seed_and_pages_with_next()
    {
        using var response = await Anonymous.GetAsync($"{Url}?limit=3", Ct);
        var page = await response.ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Null(response.Headers.ETag);
        var items = page["items"]!.AsArray();
        Assert.Equal(3, items.Count);
        Assert.True(page["hasMore"]!.GetValue<bool>());
        Assert.Equal(items[2]!["cursor"]!.GetValue<string>(), page["next"]!.GetValue<string>());
        Assert.Contains("rel=\"next\"", response.Headers.GetValues("Link").Single(), StringComparison.Ordinal);
        var first = items[0]!;
        Assert.Equal("Created", first["action"]!.GetValue<string>());
        Assert.Equal($"/api/v1/{first["type"]!.GetValue<string>()}/{first["id"]!.GetValue<Guid>()}", first["href"]!.GetValue<string>());

        var (all, _) = await ReadAllAsync();
        await using var scope = Factory.CreateScope(out var db);
        Assert.Equal(await db.AuditEntries.CountAsync(Ct), all.Count);
        Assert.Equal(all.Count, all.Select(i => i["cursor"]!.GetValue<string>()).Distinct().Count());
    }

    [Fact]
    public async Task A_reader_up_to_date_gets_nothing_and_the_same_cursor_then_each_write_once()
    {
        var (_, next) = await ReadAllAsync();
        var page = await (await Anonymous.GetAsync($"{Url}?after={next}", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Empty(page["items"]!.AsArray());
        Assert.Equal(next, page["next"]!.GetValue<string>());

        var created = await (await Client.PostJsonAsync("/api/v1/people", new { name = "Feed Person" }, Ct)).ReadJsonAsync(HttpStatusCode.Created);
        var id = created["id"]!.GetValue<Guid>();
        var url = $"/api/v1/people/{id}";
        (await Client.PutCurrentAsync(url, new { name = "Feed Person Renamed" }, Ct)).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteCurrentAsync(url, Ct)).StatusCode);
        (await Client.PostAsync($"{url}/restore", null, Ct)).EnsureSuccessStatusCode();

        var (items, _) = await ReadAllAsync(next);
        Assert.Equal(["Created", "Updated", "Deleted", "Restored"], items.Select(i => i["action"]!.GetValue<string>()));
        Assert.All(items, i => Assert.Equal(id, i["id"]!.GetValue<Guid>()));
        Assert.All(items, i => Assert.Equal("people", i["type"]!.GetValue<string>()));
        Assert.All(items, i => Assert.Equal("test-editor", i["actor"]!.GetValue<string>()));

        // The last change's version is the one in the record's ETag now.
        using var read = await Anonymous.GetAsync(url, Ct);
        Assert.StartsWith($"\"{items[^1]["version"]!.GetValue<uint>()}-", read.Headers.ETag!.Tag, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("after=abc", "after")]
    [InlineData("after=12", "after")]
    [InlineData("after=1-x", "after")]
    [InlineData("after=-1-2", "after")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=1001", "limit")]
    [InlineData("limit=many", "limit")]
    public async Task A_bad_cursor_or_limit_is_a_400_naming_it(string query, string field)
    {
        var problem = await (await Anonymous.GetAsync($"{Url}?{query}", Ct)).ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(field, problem.Errors().Keys);
    }

    /// <summary>
    /// Writers that each hold their transaction open for a different time, so that they commit in another order than
    /// they began (and some roll back), while a reader follows the feed: the reader ends up with every committed change
    /// exactly once, and never with a rolled-back one.
    /// </summary>
    [Fact]
    public async Task Concurrent_writers_committing_out_of_order_are_never_skipped_and_rollbacks_never_shown()
    {
        var (_, start) = await ReadAllAsync();
        const int Writers = 24;
        var random = new Random(13);
        var holds = Enumerable.Range(0, Writers).Select(_ => random.Next(0, 400)).ToArray();
        var rolledBack = new HashSet<int> { 3, 8, 15, 21 };
        var committed = new System.Collections.Concurrent.ConcurrentBag<Guid>();
        var discarded = new System.Collections.Concurrent.ConcurrentBag<Guid>();

        var seen = new List<JsonObject>();
        var cursor = start;
        using var done = new CancellationTokenSource();
        var reader = Task.Run(
            async () =>
            {
                while (true)
                {
                    var finished = done.IsCancellationRequested;
                    var (items, next) = await ReadAllAsync(cursor, limit: 5);
                    seen.AddRange(items);
                    cursor = next;
                    if (finished)
                    {
                        return;
                    }

                    await Task.Delay(15, Ct);
                }
            },
            Ct);

        var writers = Enumerable.Range(0, Writers).Select(async n =>
        {
            // Staggered starts, holds of up to 400 ms: later writers often commit before earlier ones.
            await Task.Delay(n * 20, Ct);
            var id = await WriteInTransactionAsync(
                async db =>
                {
                    var person = new Person { Name = $"Concurrent Writer {n}" };
                    db.People.Add(person);
                    await db.SaveChangesAsync(Ct);
                    person.Notes = "second change in the same transaction";
                    await db.SaveChangesAsync(Ct);
                    return person.Id;
                },
                Task.Delay(holds[n], Ct),
                commit: !rolledBack.Contains(n));
            (rolledBack.Contains(n) ? discarded : committed).Add(id);
        }).ToList();
        await Task.WhenAll(writers);
        await done.CancelAsync();
        await reader;

        var byId = seen.GroupBy(i => i["id"]!.GetValue<Guid>()).ToDictionary(g => g.Key, g => g.Select(i => i["action"]!.GetValue<string>()).ToList());
        Assert.Equal(Writers - rolledBack.Count, committed.Count);
        Assert.All(committed, id => Assert.Equal(["Created", "Updated"], byId[id]));
        Assert.All(discarded, id => Assert.False(byId.ContainsKey(id)));
        Assert.Equal(seen.Count, seen.Select(i => i["cursor"]!.GetValue<string>()).Distinct().Count());
        Assert.Equal(2 * committed.Count, seen.Count);
    }

    /// <summary>
    /// A transaction that began first and is still open holds back the changes of those that began after it, even once
    /// they committed: shown before it, they would sort ahead of its change and a reader could pass it.
    /// </summary>
    [Fact]
    public async Task A_change_behind_an_open_transaction_waits_for_it()
    {
        var (_, start) = await ReadAllAsync();
        var release = new TaskCompletionSource();
        var older = WriteInTransactionAsync(
            async db =>
            {
                db.People.Add(new Person { Name = "Began First" });
                await db.SaveChangesAsync(Ct);
                return 0;
            },
            release.Task,
            commit: true);
        await WaitForOpenWriterAsync();

        var later = await (await Client.PostJsonAsync("/api/v1/people", new { name = "Committed First" }, Ct)).ReadJsonAsync(HttpStatusCode.Created);
        var (whileOpen, cursor) = await ReadAllAsync(start);
        Assert.Empty(whileOpen);
        Assert.Equal(start, cursor);

        release.SetResult();
        await older;
        var (items, _) = await ReadAllAsync(start);
        Assert.Equal(2, items.Count);
        Assert.Equal(later["id"]!.GetValue<Guid>(), items[1]["id"]!.GetValue<Guid>());
    }

    /// <summary>
    /// A mirror that starts from an empty store and applies the feed from the first change, fetching each linked
    /// record (and dropping it on 410), holds exactly what the export holds, and each record's ETag version is the one
    /// the feed's last change of it names.
    /// </summary>
    [Fact]
    public async Task A_mirror_that_applies_the_feed_from_the_start_reproduces_the_export()
    {
        var export = await ExportTests.ExportJsonAsync(Anonymous, Ct);
        var person = export["people"]!.AsArray()[0]!.AsObject();
        var personId = person["id"]!.GetValue<Guid>();
        var created = await (await Client.PostJsonAsync("/api/v1/people", new { name = "Mirrored Person" }, Ct)).ReadJsonAsync(HttpStatusCode.Created);
        var edited = person.DeepClone().AsObject();
        edited.Remove("id");
        edited["name"] = "Renamed Before The Import";
        (await Client.PutCurrentAsync($"/api/v1/people/{personId}", edited, Ct)).EnsureSuccessStatusCode();
        var eventId = export["events"]!.AsArray()[0]!["id"]!.GetValue<Guid>();
        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteCurrentAsync($"/api/v1/events/{eventId}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteCurrentAsync($"/api/v1/people/{created["id"]}", Ct)).StatusCode);

        // The import puts the person's name back and brings the event back.
        (await Admin.PostRawJsonAsync("/api/v1/import", export.ToJsonString(), Ct)).EnsureSuccessStatusCode();
        var another = await (await Client.PostJsonAsync("/api/v1/people", new { name = "Created After The Import" }, Ct)).ReadJsonAsync(HttpStatusCode.Created);

        var (feed, _) = await ReadAllAsync(limit: 200);
        var mirror = new Dictionary<(string Type, Guid Id), (JsonObject Body, string ETag)>();
        var lastVersion = new Dictionary<(string, Guid), uint>();
        foreach (var item in feed)
        {
            var key = (item["type"]!.GetValue<string>(), item["id"]!.GetValue<Guid>());
            lastVersion[key] = item["version"]!.GetValue<uint>();
            using var response = await Anonymous.GetAsync(item["href"]!.GetValue<string>(), Ct);
            if (response.StatusCode == HttpStatusCode.Gone)
            {
                mirror.Remove(key);
                continue;
            }

            mirror[key] = (await response.ReadJsonAsync(HttpStatusCode.OK), response.Headers.ETag!.Tag);
        }

        var now = await ExportTests.ExportJsonAsync(Anonymous, Ct);
        Assert.Contains(now["people"]!.AsArray(), p => p!["id"]!.GetValue<Guid>() == another["id"]!.GetValue<Guid>());
        var sections = now.Where(p => p.Value is JsonArray).Select(p => p.Key).ToList();
        Assert.Equal(sections.Order(), mirror.Keys.Select(k => k.Type).Distinct().Order());
        foreach (var section in sections)
        {
            var records = now[section]!.AsArray().Select(r => r!.AsObject()).ToList();
            Assert.Equal(
                records.Select(r => r["id"]!.GetValue<Guid>()).Order(),
                mirror.Keys.Where(k => k.Type == section).Select(k => k.Id).Order());
            foreach (var record in records)
            {
                var key = (section, record["id"]!.GetValue<Guid>());
                var (body, etag) = mirror[key];
                foreach (var (field, value) in record)
                {
                    if (body.ContainsKey(field))
                    {
                        // A read copies each cited source's own fields into its citations; the export keeps citations as stored.
                        var read = field switch
                        {
                            "sources" => ExportTests.AsStored(body[field]!),
                            "claims" => ExportTests.AsStoredClaims(body[field]!),
                            _ => body[field],
                        };
                        Assert.True(JsonNode.DeepEquals(value, read), $"{section} {key.Item2} {field}: export {value?.ToJsonString()}, mirror {read?.ToJsonString()}");
                    }
                }

                Assert.StartsWith($"\"{lastVersion[key]}-", etag, StringComparison.Ordinal);
            }
        }
    }
}
