using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using IldRegistry.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IldRegistry.IntegrationTests.Fuzz;

/// <summary>
/// Issue 7, part 3: every operation of the OpenAPI document gets generated hostile input. Every answer must be
/// problem details (or a valid 2xx), never a 5xx, and afterwards the database may hold only what a 2xx wrote.
/// </summary>
public sealed class HostileInputFuzzTests(RegistryApiFactory factory) : ApiTest(factory)
{
    /// <summary>Fixed, so every run sends the same cases; set FUZZ_SEED (and FUZZ_CASES) to replay another run.</summary>
    private const int DefaultSeed = 20_260_307;
    private const int DefaultCases = 1_500;

    // Text a server only writes when it leaks internals: stack frames, SQL, driver and ORM names.
    private static readonly string[] LeakMarkers =
    [
        "   at ", " at IldRegistry.", "--- End of", "Npgsql", "PostgresException", "SqlState", "EntityFrameworkCore",
        "SELECT ", "INSERT INTO", "DELETE FROM", "UPDATE \"", "\" FROM \"", "syntax error at", "System.Exception",
        "NullReferenceException", "InvalidOperationException",
    ];

    [Fact]
    public async Task Every_operation_answers_hostile_input_with_problem_details_and_leaves_no_half_written_record()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("FUZZ_SEED"), CultureInfo.InvariantCulture, out var s) ? s : DefaultSeed;
        var count = int.TryParse(Environment.GetEnvironmentVariable("FUZZ_CASES"), CultureInfo.InvariantCulture, out var c) ? c : DefaultCases;
        var clock = Stopwatch.StartNew();

        // A host of our own that shares the database, only so the server's error log can be matched to the case.
        using var log = new CapturingLoggerProvider();
        await using var host = Factory.WithWebHostBuilder(b => b.ConfigureLogging(l => l.AddProvider(log)));
        using var anonymous = CreateClient(host, null);
        using var editor = CreateClient(host, RegistryApiFactory.EditorKey);
        using var admin = CreateClient(host, RegistryApiFactory.AdminKey);

        var document = JsonNode.Parse(await anonymous.GetStringAsync(new Uri("http://localhost/swagger/v1/swagger.json"), Ct))!.AsObject();
        Assert.StartsWith("3.1", document["openapi"]!.GetValue<string>(), StringComparison.Ordinal);
        var api = new OpenApiModel(document);
        Assert.True(api.Operations.Count >= 40, $"Only {api.Operations.Count} operations in the OpenAPI document.");

        var before = await DatabaseState.ReadAsync(Factory.ConnectionString, Ct);
        var cases = new FuzzCaseGenerator(api, before.ToSeed(), new Random(seed)).Generate(count);
        log.Drain();

        var violations = new List<string>();
        var histogram = new SortedDictionary<int, int>();
        var writes = new List<(string Table, Guid Id, string Action, int Case)>();
        var refusedByHost = 0;
        var slowest = new List<(TimeSpan Took, int Status, FuzzCase Case)>();
        foreach (var fuzz in cases)
        {
            var started = Stopwatch.GetTimestamp();
            var client = fuzz.Caller switch { Caller.Editor => editor, Caller.Admin => admin, _ => anonymous };
            using var request = Request(fuzz);
            HttpResponseMessage response;
            try
            {
                response = await client.SendAsync(request, Ct);
            }
            catch (InvalidOperationException e) when (PathHasNul(fuzz) && e.Message.Contains("null characters", StringComparison.Ordinal))
            {
                // TestServer decodes the path as Kestrel does, and Kestrel refuses %00 with a 400 before the app runs.
                refusedByHost++;
                continue;
            }

            using var disposeResponse = response;
            slowest.Add((Stopwatch.GetElapsedTime(started), (int)response.StatusCode, fuzz));
            var body = await response.Content.ReadAsByteArrayAsync(Ct);
            var status = (int)response.StatusCode;
            histogram[status] = histogram.GetValueOrDefault(status) + 1;

            var problems = Check(fuzz, response, body);
            var serverErrors = log.Drain();
            if (problems.Count > 0)
            {
                violations.Add($"{fuzz.Describe()}\n  → {status} {response.Content.Headers.ContentType}: {Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 400))}"
                    + $"\n  ✗ {string.Join("\n  ✗ ", problems)}"
                    + string.Concat(serverErrors.Select(e => $"\n  log: {e}")));
            }

            if (status is >= 200 and < 300 && fuzz.Method is "POST" or "PUT" or "DELETE")
            {
                if (WriteOf(fuzz, response, body) is { } write)
                {
                    writes.Add((write.Table, write.Id, write.Action, fuzz.Number));
                }
                else
                {
                    violations.Add($"{fuzz.Describe()}\n  ✗ a {status} write whose record cannot be told from the response");
                }
            }
        }

        var after = await DatabaseState.ReadAsync(Factory.ConnectionString, Ct);
        violations.AddRange(CheckDatabase(before, after, writes));

        var output = TestContext.Current.TestOutputHelper;
        output?.WriteLine($"Fuzz: {cases.Count} cases over {api.Operations.Count} operations, seed {seed}, {clock.Elapsed.TotalSeconds:F1} s.");
        output?.WriteLine("Status codes: " + string.Join(", ", histogram.Select(h => $"{h.Key}: {h.Value}"))
            + $"; refused by the host before the app (NUL in the path): {refusedByHost}");
        output?.WriteLine($"2xx writes: {writes.Count} ({string.Join(", ", writes.GroupBy(w => w.Action).Select(g => $"{g.Key} {g.Count()}"))}).");
        var perOperation = cases.GroupBy(f => f.Operation).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"  {g.Key}: {g.Count()}");
        output?.WriteLine("Cases per operation:\n" + string.Join('\n', perOperation));
        output?.WriteLine("Slowest cases:\n" + string.Join('\n', slowest.OrderByDescending(x => x.Took).Take(12)
            .Select(x => $"  {x.Took.TotalMilliseconds:F0} ms → {x.Status} {x.Case.Describe()[..Math.Min(200, x.Case.Describe().Length)]}")));
        foreach (var violation in violations.Take(60))
        {
            output?.WriteLine(violation);
        }

        Assert.True(violations.Count == 0,
            $"{violations.Count} of {cases.Count} fuzz cases (seed {seed}) broke the contract. First ones:\n\n{string.Join("\n\n", violations.Take(15))}");
    }

    private static HttpClient CreateClient(WebApplicationFactory<Program> host, string? key)
    {
        var client = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return client;
    }

    private static bool PathHasNul(FuzzCase fuzz) => fuzz.Url.Split('?')[0].Contains("%00", StringComparison.Ordinal);

    private static HttpRequestMessage Request(FuzzCase fuzz)
    {
        // Absolute, so that "//api//v1" stays a path instead of becoming a host.
        var request = new HttpRequestMessage(new HttpMethod(fuzz.Method), new Uri("http://localhost" + fuzz.Url));
        if (fuzz.Body is not null)
        {
            request.Content = new ByteArrayContent(fuzz.Body);
            if (fuzz.ContentType is not null)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", fuzz.ContentType);
            }
        }

        foreach (var (name, value) in fuzz.Headers)
        {
            request.Headers.Remove(name);
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return request;
    }

    private static List<string> Check(FuzzCase fuzz, HttpResponseMessage response, byte[] body)
    {
        var problems = new List<string>();
        var status = (int)response.StatusCode;
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        var text = Encoding.UTF8.GetString(body);
        if (status >= 500)
        {
            problems.Add($"server error {status}");
        }

        if (status == 304)
        {
            if (body.Length > 0)
            {
                problems.Add("304 with a body");
            }
        }
        else if (status is >= 300 and < 400)
        {
            problems.Add($"unexpected redirect {status}");
        }
        else if (status >= 400)
        {
            if (mediaType != "application/problem+json")
            {
                problems.Add($"content type '{mediaType}', not application/problem+json");
            }

            if (!TryParse(text, out var problem) || problem is not JsonObject details)
            {
                problems.Add("body is not a JSON object");
            }
            else
            {
                if (details["status"] is not JsonValue statusValue || !statusValue.TryGetValue<int>(out var stated) || stated != status)
                {
                    problems.Add($"'status' is {details["status"]?.ToJsonString() ?? "missing"}, not {status}");
                }

                if (details["title"] is not JsonValue title || !title.TryGetValue<string>(out var titleText) || string.IsNullOrWhiteSpace(titleText))
                {
                    problems.Add("no 'title'");
                }

                if (details["traceId"] is not JsonValue traceId || !traceId.TryGetValue<string>(out var traceText) || string.IsNullOrWhiteSpace(traceText))
                {
                    problems.Add("no 'traceId'");
                }
            }

            foreach (var marker in LeakMarkers.Where(m => text.Contains(m, StringComparison.Ordinal) && !fuzz.Carries(m)))
            {
                problems.Add($"body leaks internals ('{marker.Trim()}')");
            }
        }
        else if (status is >= 200 and < 300)
        {
            // The CSV export is the one success that is not JSON: a zip (documented as such), which starts "PK".
            var zip = mediaType == "application/zip" && fuzz.Url.StartsWith("/api/v1/export", StringComparison.Ordinal) && body.AsSpan().StartsWith("PK"u8);
            // The pictures are SVG (documented as image/svg+xml): well-formed XML with an svg root.
            var svg = mediaType == "image/svg+xml" && fuzz.Url.Contains(".svg", StringComparison.Ordinal) && IsSvg(text);
            if (body.Length > 0 && !zip && !svg && (mediaType != "application/json" || !TryParse(text, out _)))
            {
                problems.Add($"a {status} whose body is not JSON ({mediaType})");
            }

            if (status == 201 && response.Headers.Location is null)
            {
                problems.Add("201 without Location");
            }
        }

        return problems;
    }

    /// <summary>Which record a 2xx write changed, and how, as the audit log would call it.</summary>
    private static (string Table, Guid Id, string Action)? WriteOf(FuzzCase fuzz, HttpResponseMessage response, byte[] body)
    {
        var segments = response.RequestMessage!.RequestUri!.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length < 3 || segments[0] != "api" || segments[1] != "v1" || !DatabaseState.Tables.ContainsKey(segments[2].ToLowerInvariant()))
        {
            return null;
        }

        var table = segments[2].ToLowerInvariant();
        if (fuzz.Method == "POST" && segments.Length == 3)
        {
            var location = response.Headers.Location?.OriginalString.Split('?')[0].Split('/')[^1];
            return Guid.TryParse(location, out var created) ? (table, created, "Created") : null;
        }

        var action = (fuzz.Method, segments.Length > 4 ? segments[4] : null) switch
        {
            ("PUT", null) => "Updated",
            ("DELETE", null) => "Deleted",
            ("POST", "restore") => "Restored",
            _ => null,
        };
        if (action is null || segments.Length < 4)
        {
            return null;
        }

        if (Guid.TryParse(Uri.UnescapeDataString(segments[3]), out var id))
        {
            return (table, id, action);
        }

        // A slug in the path: the answer names the record.
        return TryParse(Encoding.UTF8.GetString(body), out var json) && json?["id"] is JsonValue value && value.TryGetValue<string>(out var idText) && Guid.TryParse(idText, out id)
            ? (table, id, action)
            : null;
    }

    /// <summary>
    /// Rows are only ever new if a 2xx created them, only ever changed if a 2xx wrote them, never gone; each audit
    /// entry belongs to a 2xx write of its record, and each 2xx create and delete has its audit entry.
    /// </summary>
    private static IEnumerable<string> CheckDatabase(DatabaseState before, DatabaseState after, List<(string Table, Guid Id, string Action, int Case)> writes)
    {
        foreach (var (table, rowsAfter) in after.Rows)
        {
            var rowsBefore = before.Rows[table];
            var written = writes.Where(w => w.Table == table).ToLookup(w => w.Id);
            foreach (var (id, row) in rowsAfter)
            {
                if (!rowsBefore.TryGetValue(id, out var old))
                {
                    if (!written[id].Any(w => w.Action == "Created"))
                    {
                        yield return $"{table} row {id} is new, but no request that created it was answered 2xx (half-written record)";
                    }
                }
                else if (old.Version != row.Version && !written[id].Any())
                {
                    yield return $"{table} row {id} changed (deleted: {old.Deleted} → {row.Deleted}), but no 2xx write touched it";
                }
            }

            foreach (var id in rowsBefore.Keys.Where(id => !rowsAfter.ContainsKey(id)))
            {
                yield return $"{table} row {id} disappeared (hard delete)";
            }

            foreach (var write in writes.Where(w => w.Table == table && w.Action == "Created" && !rowsAfter.ContainsKey(w.Id)))
            {
                yield return $"{table} row {write.Id} was acknowledged as created by case #{write.Case}, but is not stored";
            }
        }

        var entityTypes = DatabaseState.Tables.ToDictionary(t => t.Value, t => t.Key);
        var known = before.Audit.Select(a => a.Id).ToHashSet();
        var newEntries = after.Audit.Where(a => !known.Contains(a.Id)).ToList();
        foreach (var group in newEntries.GroupBy(a => (Table: entityTypes.GetValueOrDefault(a.EntityType, a.EntityType), a.EntityId, a.Action)))
        {
            var acknowledged = writes.Count(w => w.Table == group.Key.Table && w.Id == group.Key.EntityId && w.Action == group.Key.Action);
            if (group.Count() > acknowledged)
            {
                yield return $"{group.Count()} audit entries '{group.Key.Action}' for {group.Key.Table} {group.Key.EntityId}, but only {acknowledged} such 2xx writes";
            }
        }

        foreach (var write in writes.Where(w => w.Action is "Created" or "Deleted"))
        {
            var audited = newEntries.Count(a => a.EntityId == write.Id && a.Action == write.Action);
            var acknowledged = writes.Count(w => w.Id == write.Id && w.Action == write.Action);
            if (audited != acknowledged)
            {
                yield return $"{write.Table} {write.Id}: {acknowledged} 2xx '{write.Action}' writes (e.g. case #{write.Case}) but {audited} audit entries";
            }
        }

        if (after.ApiKeys != before.ApiKeys)
        {
            yield return $"api_keys went from {before.ApiKeys} to {after.ApiKeys} rows";
        }
    }

    private static bool IsSvg(string text)
    {
        try
        {
            return System.Xml.Linq.XDocument.Parse(text).Root?.Name == System.Xml.Linq.XName.Get("svg", "http://www.w3.org/2000/svg");
        }
        catch (System.Xml.XmlException)
        {
            return false;
        }
    }

    private static bool TryParse(string text, out JsonNode? node)
    {
        try
        {
            node = JsonNode.Parse(text);
            return true;
        }
        catch (JsonException)
        {
            node = null;
            return false;
        }
    }
}
