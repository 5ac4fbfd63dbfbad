using System.Net;
using IldRegistry.IntegrationTests.Infrastructure;

namespace IldRegistry.IntegrationTests.Scaling;

/// <summary>What a CDN or caching proxy in front is allowed to do with the answers.</summary>
public sealed class SharedCachingTests(RegistryApiFactory factory) : ApiTest(factory)
{
    [Theory]
    [InlineData("/api/v1/departments/ild")]
    [InlineData("/api/v1/people?pageSize=5")]
    [InlineData("/api/v1/search?q=ild")]
    public async Task Anonymous_reads_may_be_shared_for_a_bounded_time_and_keyed_reads_are_private(string url)
    {
        using var anonymous = await Anonymous.GetAsync(url, Ct);
        Assert.Equal(HttpStatusCode.OK, anonymous.StatusCode);
        Assert.Equal("public, max-age=5, stale-while-revalidate=5, stale-if-error=60", anonymous.Headers.CacheControl!.ToString());
        Assert.Contains("Authorization", anonymous.Headers.Vary);
        Assert.Contains("X-Api-Key", anonymous.Headers.Vary);

        using var keyed = await Client.GetAsync(url, Ct);
        Assert.Equal(HttpStatusCode.OK, keyed.StatusCode);
        Assert.True(keyed.Headers.CacheControl!.Private);
        Assert.True(keyed.Headers.CacheControl.NoCache);
        Assert.False(keyed.Headers.CacheControl.Public);
        Assert.Null(keyed.Headers.CacheControl.MaxAge);
        Assert.Equal(anonymous.Headers.ETag, keyed.Headers.ETag);
    }

    [Fact]
    public async Task Writes_are_not_marked_cacheable()
    {
        using var created = await Client.PostJsonAsync("/api/v1/people", new { name = "Not Cached" }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.False(created.Headers.CacheControl?.Public ?? false);
        Assert.Null(created.Headers.CacheControl?.MaxAge);
    }
}
