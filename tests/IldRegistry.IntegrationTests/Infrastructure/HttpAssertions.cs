using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace IldRegistry.IntegrationTests.Infrastructure;

internal static class HttpAssertions
{
    public static async Task<JsonObject> ReadJsonAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonNode.Parse(body)!.AsObject();
    }

    /// <summary>Asserts an RFC 9457 problem details answer with the status and a traceId, and returns it.</summary>
    public static async Task<JsonObject> ReadProblemAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(body)!.AsObject();
        Assert.Equal((int)expected, problem["status"]!.GetValue<int>());
        Assert.False(string.IsNullOrEmpty(problem["title"]?.GetValue<string>()));
        Assert.False(string.IsNullOrEmpty(problem["traceId"]?.GetValue<string>()));
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        return problem;
    }

    public static IReadOnlyDictionary<string, string[]> Errors(this JsonObject problem) =>
        problem["errors"]!.AsObject().ToDictionary(e => e.Key, e => e.Value!.AsArray().Select(m => m!.GetValue<string>()).ToArray());

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, object body, CancellationToken ct) =>
        client.PostAsJsonAsync(url, body, JsonOptions, ct);

    public static Task<HttpResponseMessage> PostRawJsonAsync(this HttpClient client, string url, string json, CancellationToken ct) =>
        client.PostAsync(url, new StringContent(json, System.Text.Encoding.UTF8, "application/json"), ct);

    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);
}
