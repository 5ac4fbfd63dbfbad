using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using IldRegistry.Data;
using IldRegistry.Domain.Common;
using IldRegistry.Domain.Events;
using IldRegistry.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace IldRegistry.IntegrationTests.ExportImport;

/// <summary>
/// Issue 17, part 1: the export completes whatever its size against the statement timeout, from one snapshot, and
/// can be checked (Content-Length, Repr-Digest) and resumed (Range with If-Range).
/// </summary>
public sealed class ExportSnapshotTests(RegistryApiFactory factory) : ApiTest(factory)
{
    private const int StatementTimeoutMilliseconds = 200;

    [Fact]
    public async Task An_export_that_takes_longer_than_the_statement_timeout_completes_parses_and_matches_the_data()
    {
        var ild = (await (await Anonymous.GetAsync("/api/v1/departments/ild", Ct)).ReadJsonAsync(HttpStatusCode.OK))["id"]!.GetValue<Guid>();
        await using (Factory.CreateScope(out var db))
        {
            db.Events.AddRange(Enumerable.Range(0, 30_000).Select(i => new HistoricalEvent
            {
                DepartmentId = ild,
                Date = PartialDate.Parse("2001"),
                Title = $"Bulk event {i}",
                Description = new string('x', 300),
                Kind = EventKind.Other,
                Sources = [new Source { Title = "Bulk", Url = "https://example.org/bulk" }],
            }));
            await db.SaveChangesAsync(Ct);
        }

        await using var host = Factory.WithWebHostBuilder(b => b.UseSetting("Database:StatementTimeoutMilliseconds", StatementTimeoutMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        using var client = host.CreateJsonClient();
        await using (var scope = host.Services.CreateAsyncScope())
        {
            // The lowered timeout is in force for this host's connections.
            var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
            var cancelled = await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("SELECT pg_sleep(1)", Ct));
            Assert.Contains(PostgresErrorCodes.QueryCanceled, Unwrap(cancelled), StringComparison.Ordinal);
        }

        var clock = Stopwatch.StartNew();
        var response = await client.GetAsync("/api/v1/export?format=json", HttpCompletionOption.ResponseHeadersRead, Ct);
        var bytes = await response.Content.ReadAsByteArrayAsync(Ct);
        clock.Stop();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(clock.ElapsedMilliseconds > StatementTimeoutMilliseconds, $"The export took {clock.ElapsedMilliseconds} ms, no longer than the timeout it is meant to outlast.");
        Assert.Equal(bytes.Length, response.Content.Headers.ContentLength);
        Assert.Equal($"sha-256=:{Convert.ToBase64String(SHA256.HashData(bytes))}:", string.Join(",", response.Headers.GetValues("Repr-Digest")));
        Assert.NotNull(response.Headers.ETag);
        Assert.False(response.Headers.ETag!.IsWeak);

        var export = JsonNode.Parse(bytes)!.AsObject();
        await using (Factory.CreateScope(out var db))
        {
            var ids = await db.Events.AsNoTracking().Select(e => e.Id).ToListAsync(Ct);
            Assert.Equal(ids.Order(), export["events"]!.AsArray().Select(e => e!["id"]!.GetValue<Guid>()).Order());
            Assert.Equal(await db.People.CountAsync(Ct), export["people"]!.AsArray().Count);
            Assert.Equal(await db.Leaders.CountAsync(Ct), export["leaders"]!.AsArray().Count);
        }

        // A broken download resumes where it stopped, with the same bytes.
        var half = bytes.Length / 2;
        using var resume = new HttpRequestMessage(HttpMethod.Get, "/api/v1/export?format=json");
        resume.Headers.Range = new RangeHeaderValue(half, null);
        resume.Headers.IfRange = new RangeConditionHeaderValue(response.Headers.ETag);
        var rest = await client.SendAsync(resume, Ct);
        Assert.Equal(HttpStatusCode.PartialContent, rest.StatusCode);
        Assert.Equal(bytes[half..], await rest.Content.ReadAsByteArrayAsync(Ct));
    }

    [Fact]
    public async Task The_snapshot_is_served_until_a_write_and_a_resume_across_a_write_gets_the_whole_new_file()
    {
        var first = await Anonymous.GetAsync("/api/v1/export?format=csv", Ct);
        var firstBytes = await first.Content.ReadAsByteArrayAsync(Ct);
        Assert.Equal("application/zip", first.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"sha-256=:{Convert.ToBase64String(SHA256.HashData(firstBytes))}:", string.Join(",", first.Headers.GetValues("Repr-Digest")));
        Assert.Equal("bytes", string.Join(",", first.Headers.AcceptRanges));

        var again = await Anonymous.GetAsync("/api/v1/export?format=csv", Ct);
        Assert.Equal(first.Headers.ETag, again.Headers.ETag);
        using (var unchanged = new HttpRequestMessage(HttpMethod.Get, "/api/v1/export?format=csv"))
        {
            unchanged.Headers.IfNoneMatch.Add(first.Headers.ETag!);
            Assert.Equal(HttpStatusCode.NotModified, (await Anonymous.SendAsync(unchanged, Ct)).StatusCode);
        }

        (await Client.PostJsonAsync("/api/v1/people", new { name = "Someone New" }, Ct)).EnsureSuccessStatusCode();
        using var resume = new HttpRequestMessage(HttpMethod.Get, "/api/v1/export?format=csv");
        resume.Headers.Range = new RangeHeaderValue(10, null);
        resume.Headers.IfRange = new RangeConditionHeaderValue(first.Headers.ETag!);
        var changed = await Anonymous.SendAsync(resume, Ct);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(first.Headers.ETag, changed.Headers.ETag);
    }

    private static string Unwrap(Exception e) => e is PostgresException pg ? pg.SqlState : e.InnerException is { } inner ? Unwrap(inner) : e.Message;
}
