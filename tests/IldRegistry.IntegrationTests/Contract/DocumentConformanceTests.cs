using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using IldRegistry.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace IldRegistry.IntegrationTests.Contract;

/// <summary>
/// Issue 17, part 6: the document is the contract. Every operation of the served OpenAPI document gets real requests
/// (good ones built from the document's examples and enums, and bad ones of each shape: unknown, malformed and
/// deleted ids, values past the documented limits, no or a stale If-Match, a body that is empty, not JSON, or not
/// JSON at all, no key), and every answer is checked against the document by <see cref="DocumentContract"/>. The
/// operations come from the document, so new routes are covered without a change here.
/// </summary>
public sealed class DocumentConformanceTests(RegistryApiFactory factory) : ApiTest(factory)
{
    private const string Stale = "\"1-AAAAAAAAAAAAAAAA\"";

    private static readonly string[] UniqueFields = ["slug", "name", "title"];

    // Unique too, and optional: left out rather than made up.
    private static readonly string[] DroppedFields = ["identifiers", "number"];

    private readonly List<string> _violations = [];
    private readonly SortedDictionary<int, int> _statuses = [];
    private readonly Dictionary<string, HashSet<int>> _byOperation = new(StringComparer.Ordinal);
    private DocumentContract _contract = null!;
    private int _unique;

    private static async Task<JsonObject> DocumentAsync(HttpClient client) =>
        JsonNode.Parse(await client.GetStringAsync(new Uri("/swagger/v1/swagger.json", UriKind.Relative), Ct))!.AsObject();

    /// <summary>A collection's records made for the replay: one to read and replace, one deleted, one to delete.</summary>
    private sealed record Records(string Collection, JsonObject Body, string Live, string Deleted, string Doomed, string Seeded);

    [Fact]
    public async Task Every_answer_to_a_varied_replay_of_every_operation_is_what_the_document_says()
    {
        var document = await DocumentAsync(Anonymous);
        _contract = new DocumentContract(document);
        var operations = _contract.Operations.ToList();
        Assert.True(operations.Count >= 40, $"only {operations.Count} operations");

        var records = new Dictionary<string, Records>(StringComparer.Ordinal);
        foreach (var (_, path, operation) in operations.Where(o => o.Method == "POST" && o.Operation["responses"]?["201"] is not null)
            .OrderBy(o => CreateOrder(o.Path)))
        {
            records[Collection(path)] = await ArrangeAsync(path, operation, document);
        }

        foreach (var (method, path, operation) in operations)
        {
            var collection = Collection(path);
            var own = records.GetValueOrDefault(collection);
            foreach (var (label, request, client) in Samples(method, path, operation, own, document))
            {
                // What an Editor may not do (403) is sent again by an Admin, so that it is answered too.
                var again = client == Client ? await CloneAsync(request) : null;
                if (await SendAsync(method, path, label, request, client) == 403 && again is not null)
                {
                    await SendAsync(method, path, $"{label}, as an Admin", again, Admin);
                }
                else
                {
                    again?.Dispose();
                }
            }
        }

        var output = TestContext.Current.TestOutputHelper;
        output?.WriteLine($"{operations.Count} operations, {_statuses.Values.Sum()} requests; statuses: {string.Join(", ", _statuses.Select(s => $"{s.Key}: {s.Value}"))}");
        foreach (var (operation, statuses) in _byOperation)
        {
            output?.WriteLine($"  {operation}: {string.Join(", ", statuses.Order())}");
        }

        foreach (var violation in _violations.Take(80))
        {
            output?.WriteLine(violation);
        }

        foreach (var expected in new[] { 200, 201, 204, 304, 400, 401, 404, 409, 410, 412, 415, 428 })
        {
            Assert.True(_statuses.ContainsKey(expected), $"no request was answered {expected}");
        }

        var without2xx = operations.Select(o => $"{o.Method} {o.Path}").Where(o => !_byOperation.GetValueOrDefault(o, []).Any(s => s is >= 200 and < 300)).ToList();
        Assert.True(without2xx.Count == 0, "operations never answered a 2xx: " + string.Join(", ", without2xx));
        Assert.True(_violations.Count == 0, $"{_violations.Count} answers disagree with the document:\n\n{string.Join("\n\n", _violations.Take(25))}");
    }

    [Fact]
    public async Task The_429_of_every_operation_is_what_the_document_says()
    {
        await using var limited = Factory.WithWebHostBuilder(b => b
            .UseSetting("RateLimiting:Enabled", "true")
            .UseSetting("RateLimiting:AnonymousPermitLimit", "2")
            .UseSetting("RateLimiting:WindowSeconds", "3600"));
        using var client = limited.CreateJsonClient();
        _contract = new DocumentContract(await DocumentAsync(client));
        var limited429 = 0;
        foreach (var (method, path, operation) in _contract.Operations)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), Fill(path, IldRegistry.Data.Seed.IldArticleSeed.IldId.ToString()));
            if (operation["requestBody"] is not null)
            {
                request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
            }

            var status = await SendAsync(method, path, "past the anonymous limit", request, client);
            limited429 += status == 429 ? 1 : 0;
        }

        Assert.True(limited429 >= _contract.Operations.Count() - 2, $"only {limited429} answers were 429");
        Assert.True(_violations.Count == 0, string.Join("\n\n", _violations.Take(25)));
    }

    private async Task<int> SendAsync(string method, string path, string label, HttpRequestMessage request, HttpClient client)
    {
        using (request)
        {
            using var response = await client.SendAsync(request, Ct);
            var body = await response.Content.ReadAsByteArrayAsync(Ct);
            var status = (int)response.StatusCode;
            _statuses[status] = _statuses.GetValueOrDefault(status) + 1;
            var operation = $"{method} {path}";
            if (!_byOperation.TryGetValue(operation, out var seen))
            {
                _byOperation[operation] = seen = [];
            }

            seen.Add(status);
            var problems = _contract.Check(method, path, response, body);
            if (status >= 500)
            {
                problems.Add("a server error");
            }

            if (problems.Count > 0)
            {
                _violations.Add($"{operation} ({label}): {method} {request.RequestUri} → {status} {response.Content.Headers.ContentType}\n  {DocumentContract.Excerpt(body)}\n  ✗ {string.Join("\n  ✗ ", problems)}");
            }

            return status;
        }
    }

    private IEnumerable<(string Label, HttpRequestMessage Request, HttpClient Client)> Samples(
        string method, string path, JsonObject operation, Records? own, JsonObject document)
    {
        var parameters = (operation["parameters"]?.AsArray() ?? []).Select(p => p!.AsObject()).ToList();
        var query = parameters.Where(p => p["in"]!.GetValue<string>() == "query").ToList();
        var hasId = path.Contains("{id}", StringComparison.Ordinal);
        var ids = hasId
            ? own is null ? [IldRegistry.Data.Seed.IldArticleSeed.IldId.ToString(), "ild"] : new[] { own.Live, own.Seeded }
            : [string.Empty];
        var writer = Client;

        HttpRequestMessage Make(string url, HttpContent? content = null, string? ifMatch = null)
        {
            var request = new HttpRequestMessage(new HttpMethod(method), url) { Content = content };
            if (ifMatch is not null)
            {
                request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
            }

            return request;
        }

        if (method == "GET")
        {
            foreach (var id in ids)
            {
                var url = Fill(path, id);
                yield return ("plain", Make(url), Anonymous);
                yield return ("conditional", Conditional(url), Anonymous);
                foreach (var parameter in query)
                {
                    foreach (var (label, value) in Values(parameter, document))
                    {
                        yield return (label, Make($"{url}?{parameter["name"]}={Uri.EscapeDataString(value)}"), Anonymous);
                    }
                }
            }

            if (hasId)
            {
                foreach (var (label, id) in BadIds(own))
                {
                    yield return (label, Make(Fill(path, id)), Anonymous);
                }
            }

            yield break;
        }

        var body = operation["requestBody"] is null ? null : GoodBody(path, own, document);
        var good = query.Any(q => q["name"]!.GetValue<string>() == "dryRun") ? "?dryRun=true" : string.Empty;
        switch (method)
        {
            case "POST" when !hasId:
                body = own is null ? body : Example(path, document);
                yield return ("good", Make(Fill(path, string.Empty) + good, Json(body!)), writer);
                var key = Guid.NewGuid().ToString();
                yield return ("with an Idempotency-Key", Keyed(Make(Fill(path, string.Empty) + good, Json(body!)), key), writer);
                yield return ("the same Idempotency-Key again", Keyed(Make(Fill(path, string.Empty) + good, Json(body!)), key), writer);
                yield return ("the same Idempotency-Key, another body", Keyed(Make(Fill(path, string.Empty) + good, Json(new JsonObject())), key), writer);
                break;
            case "POST":
                yield return ("good (a deleted record)", Make(Fill(path, own?.Deleted ?? "ild")), writer);
                yield return ("a live record", Make(Fill(path, own?.Live ?? "ild")), writer);
                break;
            case "PUT":
                yield return ("good", Current(Make(Fill(path, own!.Live), Json(own.Body))), writer);
                yield return ("no If-Match", Make(Fill(path, own.Live), Json(own.Body)), writer);
                yield return ("stale If-Match", Make(Fill(path, own.Live), Json(own.Body), Stale), writer);
                yield return ("If-Match: *", Make(Fill(path, own.Live), Json(own.Body), "*"), writer);
                yield return ("empty object", Current(Make(Fill(path, own.Live), Json(new JsonObject()))), writer);
                break;
            case "DELETE":
                yield return ("good", Current(Make(Fill(path, own!.Doomed))), writer);
                yield return ("no If-Match", Make(Fill(path, own.Live)), writer);
                yield return ("stale If-Match", Make(Fill(path, own.Live), null, Stale), writer);
                yield return ("still referred to", Current(Make(Fill(path, own.Seeded))), writer);
                break;
        }

        var target = Fill(path, own?.Live ?? string.Empty);
        yield return ("anonymous", Make(target, body is null ? null : Json(body), Stale), Anonymous);
        if (hasId)
        {
            foreach (var (label, id) in BadIds(own))
            {
                yield return (label, Make(Fill(path, id), body is null ? null : Json(body), Stale), writer);
            }
        }

        if (body is not null)
        {
            yield return ("text/plain body", Make(target, new StringContent(body.ToJsonString(), Encoding.UTF8, "text/plain"), Stale), writer);
            yield return ("empty body", Make(target, new ByteArrayContent([]) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } }, Stale), writer);
            yield return ("broken JSON", Make(target, new StringContent("{\"name\":", Encoding.UTF8, "application/json"), Stale), writer);
            yield return ("an array", Make(target, new StringContent("[1]", Encoding.UTF8, "application/json"), Stale), writer);
        }

        HttpRequestMessage Current(HttpRequestMessage request)
        {
            request.Headers.Remove("If-Match");
            request.Headers.TryAddWithoutValidation("If-Match", CurrentETag(request.RequestUri!.ToString()));
            return request;
        }
    }

    private static async Task<HttpRequestMessage> CloneAsync(HttpRequestMessage request)
    {
        var clone = new HttpRequestMessage(request.Method, request.RequestUri);
        foreach (var (name, values) in request.Headers)
        {
            clone.Headers.TryAddWithoutValidation(name, values);
        }

        if (request.Content is not null)
        {
            clone.Content = new ByteArrayContent(await request.Content.ReadAsByteArrayAsync(Ct));
            foreach (var (name, values) in request.Content.Headers)
            {
                clone.Content.Headers.TryAddWithoutValidation(name, values);
            }
        }

        return clone;
    }

    private static IEnumerable<(string Label, string Id)> BadIds(Records? own)
    {
        yield return ("an unknown id", Guid.NewGuid().ToString());
        yield return ("a malformed id", "zzz");
        if (own is not null)
        {
            yield return ("a deleted record", own.Deleted);
        }
    }

    /// <summary>Good and bad values of a query parameter, from its schema: each enum value, then past each limit.</summary>
    private static IEnumerable<(string Label, string Value)> Values(JsonObject parameter, JsonObject document)
    {
        var schema = Resolve(parameter["schema"] as JsonObject ?? [], document);
        var name = parameter["name"]!.GetValue<string>();
        if (schema["enum"] is JsonArray values)
        {
            foreach (var value in values)
            {
                yield return ($"{name} = {value}", value!.ToString());
            }

            yield return ($"{name} not in its enum", "bogus");
        }

        if (schema["maximum"] is JsonValue maximum)
        {
            yield return ($"{name} at its maximum", maximum.ToString());
            yield return ($"{name} past its maximum", (decimal.Parse(maximum.ToString(), CultureInfo.InvariantCulture) + 1).ToString(CultureInfo.InvariantCulture));
        }

        if (schema["minimum"] is JsonValue minimum)
        {
            yield return ($"{name} under its minimum", (decimal.Parse(minimum.ToString(), CultureInfo.InvariantCulture) - 1).ToString(CultureInfo.InvariantCulture));
        }

        if (schema["maxLength"] is JsonValue maxLength)
        {
            yield return ($"{name} at its maxLength", new string('a', maxLength.GetValue<int>()));
            yield return ($"{name} past its maxLength", new string('a', maxLength.GetValue<int>() + 1));
        }

        switch (schema["format"]?.GetValue<string>())
        {
            case "uuid":
                yield return ($"{name} a UUID", IldRegistry.Data.Seed.IldArticleSeed.IldId.ToString());
                yield return ($"{name} not a UUID", "zzz");
                break;
        }

        if (schema["type"]?.ToString() == "boolean")
        {
            yield return ($"{name} true", "true");
            yield return ($"{name} not a boolean", "maybe");
        }

        if (schema["pattern"] is not null || schema["examples"] is JsonArray)
        {
            foreach (var example in schema["examples"]?.AsArray() ?? [])
            {
                yield return ($"{name} = example {example}", example!.GetValue<string>());
            }

            yield return ($"{name} not of its pattern", "not-a-value");
        }
    }

    private static JsonObject Resolve(JsonObject schema, JsonObject document)
    {
        while (schema["$ref"]?.GetValue<string>() is { } reference)
        {
            schema = document["components"]!["schemas"]![reference.Split('/')[^1]]!.AsObject();
        }

        return schema["oneOf"] is JsonArray oneOf && oneOf.FirstOrDefault(s => s?["type"]?.ToString() != "null") is JsonObject first
            ? Resolve(first, document)
            : schema;
    }

    /// <summary>The component a schema stands for, through the allOf wrapper that carries its description.</summary>
    private static string? RefOf(JsonNode? schema) =>
        schema?["$ref"]?.GetValue<string>()
        ?? (schema?["allOf"] is JsonArray { Count: > 0 } allOf ? RefOf(allOf[0])
            // One of several shapes (the export: the import format, or Popolo): the first is the operation's own.
            : schema?["oneOf"] is JsonArray { Count: > 0 } oneOf ? RefOf(oneOf[0]) : null);

    /// <summary>Made first: what others refer to.</summary>
    private static int CreateOrder(string path) => Collection(path) switch { "departments" => 0, "people" => 1, _ => 2 };

    private static string Collection(string path) => path.Split('/', StringSplitOptions.RemoveEmptyEntries).ElementAtOrDefault(2) ?? string.Empty;

    private static string Fill(string path, string id) => path.Replace("{id}", Uri.EscapeDataString(id), StringComparison.Ordinal);

    private static StringContent Json(JsonNode body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");

    private static HttpRequestMessage Keyed(HttpRequestMessage request, string key)
    {
        request.Headers.Add("Idempotency-Key", key);
        return request;
    }

    private HttpRequestMessage Conditional(string url)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (CurrentETag(url) is { } etag)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", etag);
        }

        return request;
    }

    private string? CurrentETag(string url)
    {
        using var response = Anonymous.GetAsync(url, Ct).GetAwaiter().GetResult();
        return response.Headers.ETag?.ToString();
    }

    /// <summary>
    /// A request body from the document: the schema's example (a seed record) with what must be unique made new,
    /// or, where the schema has none, what a GET answers in that schema (the export, for the import).
    /// </summary>
    private JsonObject GoodBody(string path, Records? own, JsonObject document)
    {
        if (own is not null)
        {
            return own.Body;
        }

        var operation = _contract.Operation("POST", path);
        var schema = operation["requestBody"]!["content"]!["application/json"]!["schema"]!;
        var reference = RefOf(schema);
        var (_, getPath, _) = _contract.Operations.First(o => o.Method == "GET"
            && RefOf(o.Operation["responses"]?["200"]?["content"]?["application/json"]?["schema"]) == reference);
        var exported = Anonymous.GetStringAsync(new Uri(getPath + "?format=json", UriKind.Relative), Ct).GetAwaiter().GetResult();
        return JsonNode.Parse(exported)!.AsObject();
    }

    private JsonObject Example(string path, JsonObject document)
    {
        var schema = _contract.Operation("POST", path)["requestBody"]!["content"]!["application/json"]!["schema"]!;
        var name = RefOf(schema)!.Split('/')[^1];
        var example = document["components"]!["schemas"]![name]!["examples"]![0]!.DeepClone().AsObject();
        var n = Interlocked.Increment(ref _unique);

        // The small table of what a seed record's example must not repeat.
        foreach (var field in UniqueFields.Where(example.ContainsKey))
        {
            example[field] = field == "slug" ? $"contract-{n}" : $"Contract {Collection(path)} {n}";
        }

        foreach (var field in DroppedFields)
        {
            example.Remove(field);
        }
        return example;
    }

    private async Task<Records> ArrangeAsync(string path, JsonObject operation, JsonObject document)
    {
        async Task<string> CreateAsync()
        {
            var body = Example(path, document);
            var response = await Client.PostAsync(path, Json(body), Ct);
            return (await response.ReadJsonAsync(HttpStatusCode.Created))["id"]!.GetValue<string>();
        }

        var live = Example(path, document);
        var created = await Client.PostAsync(path, Json(live), Ct);
        var liveId = (await created.ReadJsonAsync(HttpStatusCode.Created))["id"]!.GetValue<string>();
        var deleted = await CreateAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteCurrentAsync($"{path}/{deleted}", Ct)).StatusCode);
        var doomed = await CreateAsync();
        var seeded = (await (await Anonymous.GetAsync($"{path}?pageSize=200", Ct)).ReadJsonAsync(HttpStatusCode.OK))["items"]!.AsArray()
            .Select(i => i!["id"]!.GetValue<string>())
            .First(id => id != liveId && id != doomed);
        _ = operation;
        return new Records(Collection(path), live, liveId, deleted, doomed, seeded);
    }
}
