using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using IldRegistry.IntegrationTests.Infrastructure;

namespace IldRegistry.IntegrationTests.Writes;

/// <summary>
/// Issue 17, part 2: no PUT or DELETE without If-Match (428), only the strong, whole ETag matches, and a 412 carries
/// the current ETag exactly as a GET's header. Shown on departments and people; every resource shares the filter.
/// </summary>
public sealed class WritePreconditionTests(RegistryApiFactory factory) : ApiTest(factory)
{
    private const string Url = "/api/v1/departments";

    private async Task<(string Url, EntityTagHeaderValue ETag)> CreateAsync(string slug)
    {
        var response = await Client.PostJsonAsync(Url, new { slug, name = $"Department {slug}" }, Ct);
        var id = (await response.ReadJsonAsync(HttpStatusCode.Created))["id"]!.GetValue<Guid>();
        return ($"{Url}/{id}", response.Headers.ETag!);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, string? ifMatch, object? body = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: HttpAssertions.JsonOptions);
        }

        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await Client.SendAsync(request, Ct);
    }

    private async Task<string> NameAsync(string url) =>
        (await (await Client.GetAsync(url, Ct)).ReadJsonAsync(HttpStatusCode.OK))["name"]!.GetValue<string>();

    [Fact]
    public async Task Put_without_if_match_is_428_saying_how_to_get_the_etag_and_writes_nothing()
    {
        var (url, _) = await CreateAsync("precondition-put");

        var problem = await (await SendAsync(HttpMethod.Put, url, null, new { slug = "precondition-put", name = "Overwritten" }))
            .ReadProblemAsync((HttpStatusCode)428);
        var detail = problem["detail"]!.GetValue<string>();
        Assert.Contains($"GET {url}", detail, StringComparison.Ordinal);
        Assert.Contains("ETag", detail, StringComparison.Ordinal);
        Assert.Contains("If-Match", detail, StringComparison.Ordinal);
        Assert.Equal(url, problem["readFrom"]!.GetValue<string>());
        Assert.Equal("Department precondition-put", await NameAsync(url));
    }

    [Fact]
    public async Task Delete_without_if_match_is_428_and_deletes_nothing()
    {
        var (url, _) = await CreateAsync("precondition-delete");
        await (await SendAsync(HttpMethod.Delete, url, null)).ReadProblemAsync((HttpStatusCode)428);
        await (await Client.GetAsync(url, Ct)).ReadJsonAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task If_match_star_is_428_since_it_protects_no_one()
    {
        var (url, _) = await CreateAsync("precondition-star");
        await (await SendAsync(HttpMethod.Put, url, "*", new { slug = "precondition-star", name = "Blind" })).ReadProblemAsync((HttpStatusCode)428);
        await (await SendAsync(HttpMethod.Delete, url, "*")).ReadProblemAsync((HttpStatusCode)428);
        Assert.Equal("Department precondition-star", await NameAsync(url));
    }

    [Fact]
    public async Task A_weak_etag_or_the_version_without_its_hash_is_412_with_the_current_etag_as_the_header()
    {
        var (url, _) = await CreateAsync("precondition-weak");
        var etag = (await Client.GetAsync(url, Ct)).Headers.ETag!;
        Assert.False(etag.IsWeak);
        var version = etag.Tag.Trim('"').Split('-')[0];

        foreach (var stale in new[] { $"W/{etag.Tag}", $"\"{version}\"", $"W/\"{version}\"" })
        {
            var problem = await (await SendAsync(HttpMethod.Put, url, stale, new { slug = "precondition-weak", name = "Weakly" }))
                .ReadProblemAsync(HttpStatusCode.PreconditionFailed);
            Assert.Equal(etag.Tag, problem["currentETag"]!.GetValue<string>());
            await (await SendAsync(HttpMethod.Delete, url, stale)).ReadProblemAsync(HttpStatusCode.PreconditionFailed);
        }

        Assert.Equal("Department precondition-weak", await NameAsync(url));

        // The whole strong ETag, also as one of a list, is what matches.
        var put = await SendAsync(HttpMethod.Put, url, $"\"0-nothing\", {etag.Tag}", new { slug = "precondition-weak", name = "Strongly" });
        await put.ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("Strongly", await NameAsync(url));
    }

    [Fact]
    public async Task Two_editors_who_read_edit_and_write_lose_nothing_silently()
    {
        var (url, _) = await CreateAsync("precondition-race");
        var read = (await Client.GetAsync(url, Ct)).Headers.ETag!.Tag;

        var first = await SendAsync(HttpMethod.Put, url, read, new { slug = "precondition-race", name = "Edit of A" });
        await first.ReadJsonAsync(HttpStatusCode.OK);
        var second = await (await SendAsync(HttpMethod.Put, url, read, new { slug = "precondition-race", name = "Edit of B" }))
            .ReadProblemAsync(HttpStatusCode.PreconditionFailed);

        var now = (await Client.GetAsync(url, Ct)).Headers.ETag!.Tag;
        Assert.Equal(first.Headers.ETag!.Tag, now);
        Assert.Equal(now, second["currentETag"]!.GetValue<string>());
        Assert.Equal("Edit of A", await NameAsync(url));

        // B re-reads and reapplies: with the current ETag the write goes through.
        await (await SendAsync(HttpMethod.Put, url, now, new { slug = "precondition-race", name = "Edit of B" })).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("Edit of B", await NameAsync(url));
    }

    [Fact]
    public async Task The_etag_of_a_201_is_good_for_the_next_write_and_a_missing_record_is_still_404()
    {
        var (url, created) = await CreateAsync("precondition-created");
        Assert.Equal((HttpStatusCode)204, (await SendAsync(HttpMethod.Delete, url, created.Tag)).StatusCode);
        await (await SendAsync(HttpMethod.Delete, url, null)).ReadProblemAsync(HttpStatusCode.Gone);
        await (await SendAsync(HttpMethod.Put, $"{Url}/{Guid.NewGuid()}", null, new { slug = "nowhere", name = "Nowhere" })).ReadProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_precondition_is_checked_before_the_body()
    {
        var (url, _) = await CreateAsync("precondition-body");
        await (await SendAsync(HttpMethod.Put, url, null, new { slug = "Not A Slug", name = "" })).ReadProblemAsync((HttpStatusCode)428);
    }
}
