using System.Net;
using IldRegistry.IntegrationTests.Fuzz;
using IldRegistry.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace IldRegistry.IntegrationTests.Writes;

/// <summary>
/// Issue 17, part 3: one 400 lists every invalid field, type errors and rule errors together, keyed by JSON path, in
/// the caller's words; department names are unique ignoring case, as a 409 naming the field, never an Error log.
/// </summary>
public sealed class ValidationReportTests(RegistryApiFactory factory) : ApiTest(factory)
{
    private const string Url = "/api/v1/departments";

    private static readonly string[] Internals = ["System.", "BytePosition", "LineNumber", "Nullable`1", "ix_", "Path: $", "JsonException"];

    private async Task<(IReadOnlyDictionary<string, string[]> Errors, string Body)> BadRequestAsync(string json)
    {
        var response = await Client.PostRawJsonAsync(Url, json, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        foreach (var leak in Internals)
        {
            Assert.DoesNotContain(leak, body, StringComparison.Ordinal);
        }

        return (problem.Errors(), body);
    }

    [Fact]
    public async Task A_type_error_and_rule_errors_are_reported_together()
    {
        var (errors, _) = await BadRequestAsync("""{"slug":"Not A Slug","name":"","established":"1999-13"}""");
        Assert.Equal(["established", "name", "slug"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("YYYY-MM-DD", errors["established"][0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_wrong_type_is_reported_at_its_path_in_the_callers_words()
    {
        var (errors, _) = await BadRequestAsync("""
            {"slug":"ok","name":"X","parentId":"zzz","established":1951,"colour":"red",
             "otherNames":[{"name":"n","lang":"en","kind":"Nickname"},{"name":"","lang":"en","kind":"Former"}],
             "sources":[{"title":"T","retrievedOn":"yesterday"}, 5]}
            """);
        Assert.Equal("'parentId' must be a UUID, e.g. 0b9f6a6e-6f6e-4d1e-9a55-2a8f0f0f0f0f.", Assert.Single(errors["parentId"]));
        Assert.Equal("'kind' must be one of: Abbreviation, Former, Alternative, Native, Romanized.", Assert.Single(errors["otherNames[0].kind"]));
        Assert.Contains("must be a date in one of these forms", Assert.Single(errors["established"]), StringComparison.Ordinal);
        Assert.Contains("not a field", Assert.Single(errors["colour"]), StringComparison.Ordinal);
        Assert.Contains("YYYY-MM-DD", Assert.Single(errors["sources[0].retrievedOn"]), StringComparison.Ordinal);
        Assert.Contains("must be an object", Assert.Single(errors["sources[1]"]), StringComparison.Ordinal);

        // The rule error of a field that did bind, at its index, beside the type errors.
        Assert.Contains("otherNames[1].name", errors.Keys);
    }

    [Theory]
    [InlineData("""{"slug":"x","name":""", "body")]
    [InlineData("""[1,2]""", "body")]
    [InlineData("""{"slug":5,"name":true}""", "slug")]
    public async Task A_body_that_is_not_the_record_says_so_without_positions(string json, string key)
    {
        var (errors, _) = await BadRequestAsync(json);
        Assert.Contains(key, errors.Keys);
    }

    [Fact]
    public async Task A_department_name_is_unique_ignoring_case_a_409_on_name_that_is_not_logged_as_an_error()
    {
        using var log = new CapturingLoggerProvider();
        await using var host = Factory.WithWebHostBuilder(b => b.ConfigureLogging(l => l.AddProvider(log)));
        using var client = host.CreateJsonClient(RegistryApiFactory.EditorKey);
        (await client.PostJsonAsync(Url, new { slug = "probe-one", name = "Ext Sqlmap Probe" }, Ct)).EnsureSuccessStatusCode();
        log.Drain();

        var response = await client.PostJsonAsync(Url, new { slug = "probe-two", name = "ext sqlmap probe" }, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        var problem = await response.ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("name", problem["field"]!.GetValue<string>());
        Assert.DoesNotContain("ix_", body, StringComparison.Ordinal);
        Assert.Empty(log.Drain());
    }

    [Fact]
    public async Task A_raced_duplicate_name_stopped_by_the_index_is_a_409_on_name_and_never_an_error_in_the_log()
    {
        using var log = new CapturingLoggerProvider();
        await using var host = Factory.WithWebHostBuilder(b => b.ConfigureLogging(l => l.AddProvider(log)));
        using var client = host.CreateJsonClient(RegistryApiFactory.EditorKey);
        await (await client.GetAsync($"{Url}/ild", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        log.Drain();

        // A rival inserts the name in a transaction it holds open: the API's rule check cannot see it yet, so the
        // API's INSERT waits on the unique index and fails there once the rival commits (the race, made certain).
        await using var rival = new NpgsqlConnection(Factory.ConnectionString);
        await rival.OpenAsync(Ct);
        await using var transaction = await rival.BeginTransactionAsync(Ct);
        await using (var insert = new NpgsqlCommand(
            """
            DO $$
            DECLARE columns text;
            BEGIN
                SELECT string_agg(quote_ident(column_name), ', ') INTO columns FROM information_schema.columns
                WHERE table_schema = 'public' AND table_name = 'departments' AND is_generated = 'NEVER';
                EXECUTE format('CREATE TEMP TABLE rival ON COMMIT DROP AS SELECT %s FROM departments WHERE slug = ''ild''', columns);
                UPDATE rival SET id = gen_random_uuid(), slug = 'raced-rival', name = 'Raced Name', parent_id = NULL;
                EXECUTE format('INSERT INTO departments (%s) SELECT %s FROM rival', columns, columns);
            END $$;
            """, rival, transaction))
        {
            await insert.ExecuteNonQueryAsync(Ct);
        }

        var post = client.PostJsonAsync(Url, new { slug = "raced-mine", name = "RACED NAME" }, Ct);
        await using (var waiting = new NpgsqlCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()", rival, transaction))
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            while ((long)(await waiting.ExecuteScalarAsync(Ct))! == 0)
            {
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), "the API's INSERT never waited on the rival's row");
                Assert.False(post.IsCompleted, "the API answered before the rival committed");
                await Task.Delay(20, Ct);
            }
        }

        await transaction.CommitAsync(Ct);
        var response = await post;
        var body = await response.Content.ReadAsStringAsync(Ct);
        var problem = await response.ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("name", problem["field"]!.GetValue<string>());
        Assert.DoesNotContain("ix_", body, StringComparison.Ordinal);
        Assert.Empty(log.Drain());
        await (await client.GetAsync($"{Url}/raced-mine", Ct)).ReadProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Restoring_a_department_whose_name_was_taken_meanwhile_is_409_on_name_from_the_folded_index()
    {
        var first = await Client.PostJsonAsync(Url, new { slug = "taken-one", name = "Taken Name" }, Ct);
        var id = (await first.ReadJsonAsync(HttpStatusCode.Created))["id"]!.GetValue<Guid>();
        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteCurrentAsync($"{Url}/{id}", Ct)).StatusCode);
        (await Client.PostJsonAsync(Url, new { slug = "taken-two", name = "TAKEN NAME" }, Ct)).EnsureSuccessStatusCode();

        var response = await Client.PostAsync($"{Url}/{id}/restore", null, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        var problem = await response.ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("name", problem["field"]!.GetValue<string>());
        Assert.DoesNotContain("ix_", body, StringComparison.Ordinal);
    }
}
