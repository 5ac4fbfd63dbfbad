using System.Net;
using IldRegistry.IntegrationTests.Infrastructure;

namespace IldRegistry.IntegrationTests;

public sealed class ConditionalGetTests(RegistryApiFactory factory) : ApiTest(factory)
{
    [Theory]
    [InlineData("/api/v1/departments")]
    [InlineData("/api/v1/departments/ild")]
    [InlineData("/api/v1/departments/ild/org-chart")]
    [InlineData("/api/v1/search?q=ild")]
    public async Task Every_get_has_an_etag_and_if_none_match_answers_304(string url)
    {
        var first = await Anonymous.GetAsync(url, Ct);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.NotNull(first.Headers.ETag);
        Assert.True(first.Headers.CacheControl!.Public);
        Assert.Equal(TimeSpan.FromSeconds(5), first.Headers.CacheControl.MaxAge);

        using var conditional = new HttpRequestMessage(HttpMethod.Get, url);
        conditional.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        var second = await Anonymous.SendAsync(conditional, Ct);
        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Empty(await second.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal(first.Headers.CacheControl, second.Headers.CacheControl);
    }

    [Fact]
    public async Task A_list_etag_changes_when_the_data_does()
    {
        var before = await Anonymous.GetAsync("/api/v1/departments", Ct);
        await (await Client.PostJsonAsync("/api/v1/departments", new { slug = "new-one", name = "New One" }, Ct)).ReadJsonAsync(HttpStatusCode.Created);

        using var conditional = new HttpRequestMessage(HttpMethod.Get, "/api/v1/departments");
        conditional.Headers.IfNoneMatch.Add(before.Headers.ETag!);
        var after = await Anonymous.SendAsync(conditional, Ct);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.NotEqual(before.Headers.ETag, after.Headers.ETag);
    }
}
