using System.Net;
using System.Net.Http.Json;

namespace IldRegistry.IntegrationTests.Infrastructure;

/// <summary>
/// PUT and DELETE as a well-behaved client makes them: read the record, then write with its ETag as If-Match (the
/// API answers 428 without one). When the read finds nothing (404, 410) the write goes without, and answers the same.
/// </summary>
internal static class ConditionalWrites
{
    public static Task<HttpResponseMessage> PutCurrentAsync(this HttpClient client, string url, object body, CancellationToken ct) =>
        client.SendCurrentAsync(HttpMethod.Put, url, JsonContent.Create(body, body.GetType(), options: HttpAssertions.JsonOptions), ct);

    public static Task<HttpResponseMessage> PutCurrentAsync(this HttpClient client, string url, HttpContent content, CancellationToken ct) =>
        client.SendCurrentAsync(HttpMethod.Put, url, content, ct);

    public static Task<HttpResponseMessage> DeleteCurrentAsync(this HttpClient client, string url, CancellationToken ct) =>
        client.SendCurrentAsync(HttpMethod.Delete, url, null, ct);

    public static async Task<HttpResponseMessage> SendCurrentAsync(this HttpClient client, HttpMethod method, string url, HttpContent? content, CancellationToken ct)
    {
        using var read = await client.GetAsync(url, ct);
        using var request = new HttpRequestMessage(method, url) { Content = content };
        if (read.StatusCode == HttpStatusCode.OK && read.Headers.ETag is { } etag)
        {
            request.Headers.IfMatch.Add(etag);
        }

        return await client.SendAsync(request, ct);
    }
}
