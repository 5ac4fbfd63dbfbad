using System.Diagnostics;
using System.Net;
using IldRegistry.IntegrationTests.Infrastructure;
using IldRegistry.IntegrationTests.Reliability;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace IldRegistry.IntegrationTests.Security;

/// <summary>
/// Rate limits, the search and read concurrency caps, CORS, error bodies, log correlation and telemetry, each with the
/// settings it needs, on a database of its own.
/// </summary>
[Collection(HardeningCollection.Name)]
public sealed class ConfiguredLimitsTests(HardeningPostgres postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Anonymous_callers_are_limited_per_address_and_keys_per_key_with_429_and_retry_after()
    {
        await using var factory = new OwnApiFactory(await postgres.CreateDatabaseAsync(), new Dictionary<string, string?>
        {
            ["RateLimiting:Enabled"] = "true",
            ["RateLimiting:AnonymousPermitLimit"] = "3",
            ["RateLimiting:KeyPermitLimit"] = "5",
            ["RateLimiting:WindowSeconds"] = "60",
        });
        using var anonymous = factory.CreateJsonClient();
        using var admin = factory.CreateJsonClient(OwnApiFactory.AdminKey);

        for (var i = 0; i < 3; i++)
        {
            await (await anonymous.GetAsync("/api/v1/departments/ild", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        }

        var limited = await anonymous.GetAsync("/api/v1/departments/ild", Ct);
        await limited.ReadProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After is missing");

        // A key has its own, larger allowance; health probes are never limited.
        for (var i = 0; i < 5; i++)
        {
            await (await admin.GetAsync("/api/v1/departments/ild", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        }

        await (await admin.GetAsync("/api/v1/departments/ild", Ct)).ReadProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health/ready", Ct)).StatusCode);
    }

    [Fact]
    public async Task Rate_limiting_can_be_switched_off()
    {
        await using var factory = new OwnApiFactory(await postgres.CreateDatabaseAsync(), new Dictionary<string, string?>
        {
            ["RateLimiting:Enabled"] = "false",
            ["RateLimiting:AnonymousPermitLimit"] = "1",
        });
        using var anonymous = factory.CreateJsonClient();
        for (var i = 0; i < 10; i++)
        {
            await (await anonymous.GetAsync("/api/v1/departments/ild", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        }
    }

    [Fact]
    public async Task Search_concurrency_is_capped_and_the_overflow_is_429_at_once()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        await using var factory = new OwnApiFactory(connectionString, new Dictionary<string, string?>
        {
            ["RateLimiting:SearchConcurrencyLimit"] = "1",
            ["RateLimiting:SearchQueueLimit"] = "0",
        });
        using var client = factory.CreateJsonClient();
        await (await client.GetAsync("/api/v1/search?q=ild", Ct)).ReadJsonAsync(HttpStatusCode.OK);

        Task<HttpResponseMessage> first;
        await using (await Sql.LockTableAsync(connectionString, "search_index"))
        {
            first = client.GetAsync("/api/v1/search?q=ild", Ct);
            await Sql.WaitForLockWaitersAsync(connectionString, 1);

            var stopwatch = Stopwatch.StartNew();
            var second = await client.GetAsync("/api/v1/search?q=liaison", Ct);
            await second.ReadProblemAsync(HttpStatusCode.TooManyRequests);
            Assert.True(second.Headers.RetryAfter?.Delta > TimeSpan.Zero);
            Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(2));

            // Cheap reads are not behind the cap.
            await (await client.GetAsync("/api/v1/people", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        }

        await (await first).ReadJsonAsync(HttpStatusCode.OK);
        await (await client.GetAsync("/api/v1/search?q=ild", Ct)).ReadJsonAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Searches_past_the_cap_wait_their_turn_outside_the_database_and_then_answer()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        await using var factory = new OwnApiFactory(connectionString, new Dictionary<string, string?>
        {
            ["RateLimiting:SearchConcurrencyLimit"] = "1",
            ["RateLimiting:SearchQueueLimit"] = "4",
        });
        using var client = factory.CreateJsonClient();
        await (await client.GetAsync("/api/v1/search?q=ild", Ct)).ReadJsonAsync(HttpStatusCode.OK);

        Task<HttpResponseMessage> first, second, third;
        await using (await Sql.LockTableAsync(connectionString, "search_index"))
        {
            first = client.GetAsync("/api/v1/search?q=ild", Ct);
            await Sql.WaitForLockWaitersAsync(connectionString, 1);
            second = client.GetAsync("/api/v1/search?q=liaison", Ct);
            third = client.GetAsync("/api/v1/search?q=wang", Ct);

            // The two others wait for the slot in the API, not in PostgreSQL: one search holds a connection there.
            await Task.Delay(TimeSpan.FromMilliseconds(500), Ct);
            Assert.False(second.IsCompleted);
            Assert.False(third.IsCompleted);
            Assert.Equal(1, await Sql.CountLockWaitersAsync(connectionString));

            // Other reads are not behind the searches' cap.
            await (await client.GetAsync("/api/v1/people?pageSize=1", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        }

        foreach (var search in new[] { first, second, third })
        {
            var body = await (await search).ReadJsonAsync(HttpStatusCode.OK);
            Assert.NotNull(body["items"]);
        }
    }

    [Fact]
    public async Task A_search_the_output_cache_holds_is_answered_while_the_search_cap_is_full()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        await using var factory = new OwnApiFactory(connectionString, new Dictionary<string, string?>
        {
            ["OutputCache:Enabled"] = "true",
            ["RateLimiting:SearchConcurrencyLimit"] = "1",
            ["RateLimiting:SearchQueueLimit"] = "0",
        });
        using var client = factory.CreateJsonClient();
        var fresh = await (await client.GetAsync("/api/v1/search?q=ild", Ct)).ReadJsonAsync(HttpStatusCode.OK);

        Task<HttpResponseMessage> running;
        await using (await Sql.LockTableAsync(connectionString, "search_index"))
        {
            running = client.GetAsync("/api/v1/search?q=liaison", Ct);
            await Sql.WaitForLockWaitersAsync(connectionString, 1);

            // The cap is full and nothing may wait: a search the cache cannot answer is refused at once...
            var refused = await client.GetAsync("/api/v1/search?q=kang", Ct);
            await refused.ReadProblemAsync(HttpStatusCode.TooManyRequests);

            // ...and one it holds is answered from memory, without a slot.
            var cached = await client.GetAsync("/api/v1/search?q=ild", Ct);
            var body = await cached.ReadJsonAsync(HttpStatusCode.OK);
            Assert.True(cached.Headers.Age is not null, "the cached search carries an Age header");
            Assert.Equal(fresh.ToJsonString(), body.ToJsonString());
        }

        await (await running).ReadJsonAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Reads_past_the_read_cap_wait_their_turn_in_order_and_the_overflow_is_429_while_writes_pass()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        await using var factory = new OwnApiFactory(connectionString, new Dictionary<string, string?>
        {
            ["RateLimiting:ReadConcurrencyLimit"] = "1",
            ["RateLimiting:ReadQueueLimit"] = "1",
        });
        using var client = factory.CreateJsonClient(OwnApiFactory.AdminKey);
        await (await client.GetAsync("/api/v1/people?pageSize=1", Ct)).ReadJsonAsync(HttpStatusCode.OK);

        Task<HttpResponseMessage> first, second;
        await using (await Sql.LockTableAsync(connectionString, "people"))
        {
            first = client.GetAsync("/api/v1/people?pageSize=1", Ct);
            await Sql.WaitForLockWaitersAsync(connectionString, 1);

            // The next read waits for the slot in the API, not in PostgreSQL...
            second = client.GetAsync("/api/v1/departments/ild", Ct);
            await Task.Delay(TimeSpan.FromMilliseconds(500), Ct);
            Assert.False(second.IsCompleted);
            Assert.Equal(1, await Sql.CountLockWaitersAsync(connectionString));

            // ...the one after it finds the queue full and is refused at once, with a Retry-After...
            var stopwatch = Stopwatch.StartNew();
            var refused = await client.GetAsync("/api/v1/events?pageSize=1", Ct);
            await refused.ReadProblemAsync(HttpStatusCode.TooManyRequests);
            Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After is missing");
            Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(2));

            // ...and writes, health probes and the change feed (streamed) are not behind the reads' cap.
            var created = await client.PostJsonAsync("/api/v1/departments", new { slug = "read-cap", name = "Read Cap" }, Ct);
            await created.ReadJsonAsync(HttpStatusCode.Created);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready", Ct)).StatusCode);
            await (await client.GetAsync("/api/v1/changes?limit=1", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        }

        await (await first).ReadJsonAsync(HttpStatusCode.OK);
        var department = await (await second).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("ild", department["slug"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_client_that_does_not_read_its_answer_holds_no_read_slot()
    {
        // Kestrel in a process of its own, behind a real socket whose buffers fill up when the client does not read.
        var connectionString = await postgres.CreateDatabaseAsync();
        await using var api = await ApiProcess.StartAsync(connectionString, environment: new Dictionary<string, string>
        {
            ["OutputCache__Enabled"] = "false",
            ["RateLimiting__Enabled"] = "false",
            ["RateLimiting__ReadConcurrencyLimit"] = "1",
            ["RateLimiting__ReadQueueLimit"] = "0",
        });
        await Sql.ExecuteAsync(connectionString, """
            UPDATE institutions SET other_names = (
                SELECT jsonb_agg(jsonb_build_object('name', 'Other name ' || g)) FROM generate_series(1, 25000) g)
            """);
        using var client = api.CreateClient(apiKey: null);
        const string large = "/api/v1/institutions?pageSize=200";
        var whole = await (await client.GetAsync(large, Ct)).Content.ReadAsByteArrayAsync(Ct);
        Assert.True(whole.Length > 8_000_000, $"the answer ({whole.Length} bytes) must be larger than the sockets' buffers (up to 4 MB here)");

        // The body is not read: Kestrel's writes stop once the sockets' buffers are full, the request still running.
        using var unread = await client.GetAsync(large, HttpCompletionOption.ResponseHeadersRead, Ct);
        Assert.Equal(HttpStatusCode.OK, unread.StatusCode);
        await Task.Delay(TimeSpan.FromMilliseconds(300), Ct);

        // The answer was ready before it was sent, and its slot free then: with the slot held until the request ends,
        // this would be a 429 (one slot, no queue).
        using var other = api.CreateClient(apiKey: null);
        await (await other.GetAsync("/api/v1/departments/ild", Ct)).ReadJsonAsync(HttpStatusCode.OK);

        var rest = await unread.Content.ReadAsByteArrayAsync(Ct);
        Assert.Equal(whole.Length, rest.Length);
    }

    [Fact]
    public async Task Cors_answers_only_the_configured_origins_and_exposes_the_caching_and_paging_headers()
    {
        await using var factory = new OwnApiFactory(await postgres.CreateDatabaseAsync(), new Dictionary<string, string?>
        {
            ["Cors:AllowedOrigins:0"] = "https://app.example",
        });
        using var client = factory.CreateJsonClient();

        using var allowed = new HttpRequestMessage(HttpMethod.Get, "/api/v1/departments");
        allowed.Headers.Add("Origin", "https://app.example");
        var response = await client.SendAsync(allowed, Ct);
        Assert.Equal("https://app.example", string.Join(",", response.Headers.GetValues("Access-Control-Allow-Origin")));
        var exposed = string.Join(",", response.Headers.GetValues("Access-Control-Expose-Headers"));
        foreach (var header in new[] { "ETag", "Link", "Location", "Retry-After" })
        {
            Assert.Contains(header, exposed, StringComparison.OrdinalIgnoreCase);
        }

        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/v1/departments");
        preflight.Headers.Add("Origin", "https://app.example");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "authorization,content-type,if-match");
        var preflightResponse = await client.SendAsync(preflight, Ct);
        Assert.True(preflightResponse.IsSuccessStatusCode, $"preflight answered {(int)preflightResponse.StatusCode}");
        Assert.Contains("POST", string.Join(",", preflightResponse.Headers.GetValues("Access-Control-Allow-Methods")), StringComparison.Ordinal);

        using var other = new HttpRequestMessage(HttpMethod.Get, "/api/v1/departments");
        other.Headers.Add("Origin", "https://evil.example");
        Assert.False((await client.SendAsync(other, Ct)).Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task A_database_error_is_a_bare_500_whose_trace_id_leads_to_the_logged_details()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        await using var factory = new OwnApiFactory(connectionString, new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Information",
        });
        using var client = factory.CreateJsonClient();
        await (await client.GetAsync("/api/v1/people", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        await Sql.ExecuteAsync(connectionString, "ALTER TABLE people RENAME TO people_moved");

        var response = await client.GetAsync("/api/v1/people?q=zhou", Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        var problem = await response.ReadProblemAsync(HttpStatusCode.InternalServerError);
        foreach (var leak in new[] { "SELECT", "people_moved", "\\\"people\\\"", "Npgsql", "42P01", "relation", "Exception", ".cs:line" })
        {
            Assert.DoesNotContain(leak, body, StringComparison.OrdinalIgnoreCase);
        }

        var traceId = problem["traceId"]!.GetValue<string>();
        Assert.Matches("^[0-9a-f]{32}$", traceId);
        var lines = factory.Logs.Lines.Where(l => l.Scope.GetValueOrDefault("TraceId") == traceId).ToList();
        Assert.Contains(lines, l => l.Message.Contains("/api/v1/people", StringComparison.Ordinal) && l.Category.StartsWith("Microsoft.AspNetCore.Hosting", StringComparison.Ordinal));
        var error = Assert.Single(lines, l => l.Level == LogLevel.Error && l.Category.EndsWith("ProblemDetailsExceptionHandler", StringComparison.Ordinal));
        Assert.Contains("people", error.Exception!.ToString(), StringComparison.Ordinal);

        // No other request's lines carry this trace id.
        Assert.DoesNotContain(factory.Logs.Lines, l => l.Scope.GetValueOrDefault("TraceId") == traceId && l.Message.Contains("/api/v1/people ", StringComparison.Ordinal) && !l.Message.Contains("zhou", StringComparison.Ordinal));
    }

    [Fact]
    public async Task With_opentelemetry_enabled_the_request_and_its_sql_are_traced_under_the_problem_trace_id()
    {
        var spans = new System.Collections.Concurrent.ConcurrentQueue<Activity>();
        await using var factory = new OwnApiFactory(
            await postgres.CreateDatabaseAsync(),
            new Dictionary<string, string?> { ["OpenTelemetry:Enabled"] = "true" },
            services => services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddProcessor(new Capture(spans))));
        using var client = factory.CreateJsonClient();

        var response = await client.GetAsync($"/api/v1/people/{Guid.NewGuid()}", Ct);
        var traceId = (await response.ReadProblemAsync(HttpStatusCode.NotFound))["traceId"]!.GetValue<string>();

        var stopwatch = Stopwatch.StartNew();
        while (!spans.Any(s => s.TraceId.ToHexString() == traceId && s.Kind == ActivityKind.Server) && stopwatch.Elapsed < TimeSpan.FromSeconds(5))
        {
            await Task.Delay(50, Ct);
        }

        var server = Assert.Single(spans, s => s.TraceId.ToHexString() == traceId && s.Kind == ActivityKind.Server);
        Assert.Equal(404, server.GetTagItem("http.response.status_code"));
        Assert.Contains(spans, s => s.TraceId.ToHexString() == traceId && s.Kind == ActivityKind.Client && s.Source.Name.Contains("Npgsql", StringComparison.Ordinal));
        Assert.NotNull(factory.Services.GetService<MeterProvider>());
    }

    private sealed class Capture(System.Collections.Concurrent.ConcurrentQueue<Activity> spans) : BaseProcessor<Activity>
    {
        public override void OnEnd(Activity data) => spans.Enqueue(data);
    }
}
