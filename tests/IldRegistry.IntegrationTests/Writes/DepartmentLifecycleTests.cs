using System.Net;
using System.Net.Http.Json;
using IldRegistry.IntegrationTests.Infrastructure;

namespace IldRegistry.IntegrationTests.Writes;

/// <summary>Delete, restore and history, shown on departments (every resource shares the same code).</summary>
public sealed class DepartmentLifecycleTests(RegistryApiFactory factory) : ApiTest(factory)
{
    private const string Url = "/api/v1/departments";

    private async Task<(Guid Id, HttpResponseMessage Response)> CreateAsync(string slug = "lifecycle")
    {
        var response = await Client.PostJsonAsync(Url, new { slug, name = $"Department {slug}" }, Ct);
        var id = (await response.ReadJsonAsync(HttpStatusCode.Created))["id"]!.GetValue<Guid>();
        return (id, response);
    }

    [Fact]
    public async Task Delete_then_get_is_410_pointing_to_restore_and_lists_leave_it_out()
    {
        var (id, _) = await CreateAsync();

        var delete = await Client.DeleteCurrentAsync($"{Url}/{id}", Ct);
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);

        var gone = await (await Client.GetAsync($"{Url}/{id}", Ct)).ReadProblemAsync(HttpStatusCode.Gone);
        Assert.Equal($"{Url}/{id}/restore", gone["restore"]!.GetValue<string>());
        await (await Client.GetAsync($"{Url}/lifecycle", Ct)).ReadProblemAsync(HttpStatusCode.Gone);
        var list = await (await Client.GetAsync($"{Url}?pageSize=200", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(list["items"]!.AsArray(), i => i!["id"]!.GetValue<Guid>() == id);
    }

    [Fact]
    public async Task Restore_brings_it_back()
    {
        var (id, _) = await CreateAsync();
        await Client.DeleteCurrentAsync($"{Url}/{id}", Ct);

        var restored = await Client.PostAsync($"{Url}/{id}/restore", null, Ct);
        var body = await restored.ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("lifecycle", body["slug"]!.GetValue<string>());
        Assert.NotNull(restored.Headers.ETag);
        await (await Client.GetAsync($"{Url}/{id}", Ct)).ReadJsonAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Deleting_a_department_others_depend_on_is_409_naming_them()
    {
        var problem = await (await Client.DeleteCurrentAsync($"{Url}/{await IdOf("ild")}", Ct)).ReadProblemAsync(HttpStatusCode.Conflict);
        var detail = problem["detail"]!.GetValue<string>();
        Assert.Contains("bureaus", detail, StringComparison.Ordinal);
        Assert.Contains("General Office", detail, StringComparison.Ordinal);
        Assert.Contains("leader posts", detail, StringComparison.Ordinal);
        await (await Client.GetAsync($"{Url}/ild", Ct)).ReadJsonAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_slug_stays_taken_while_its_department_is_deleted()
    {
        var (id, _) = await CreateAsync();
        await Client.DeleteCurrentAsync($"{Url}/{id}", Ct);
        await (await Client.PostJsonAsync(Url, new { slug = "lifecycle", name = "Another" }, Ct)).ReadProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Delete_with_a_stale_if_match_is_412_and_deletes_nothing()
    {
        var (id, created) = await CreateAsync();
        await Client.PutCurrentAsync($"{Url}/{id}", new { slug = "lifecycle", name = "Changed" }, Ct);

        using var request = new HttpRequestMessage(HttpMethod.Delete, $"{Url}/{id}");
        request.Headers.IfMatch.Add(created.Headers.ETag!);
        await (await Client.SendAsync(request, Ct)).ReadProblemAsync(HttpStatusCode.PreconditionFailed);
        await (await Client.GetAsync($"{Url}/{id}", Ct)).ReadJsonAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_write_that_fails_leaves_neither_a_change_nor_an_audit_row()
    {
        var (id, _) = await CreateAsync();
        await (await Client.PutCurrentAsync($"{Url}/{id}", new { slug = "ild", name = "Clash" }, Ct))
            .ReadProblemAsync(HttpStatusCode.Conflict);

        var history = await (await Client.GetAsync($"{Url}/{id}/history", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, history["totalCount"]!.GetValue<int>());
        var current = await (await Client.GetAsync($"{Url}/{id}", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("Department lifecycle", current["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Of_two_parallel_puts_with_the_same_if_match_exactly_one_wins()
    {
        var (id, created) = await CreateAsync();
        using var second = Factory.CreateJsonClient(RegistryApiFactory.EditorKey);

        async Task<HttpStatusCode> Put(HttpClient client, string name)
        {
            using var request = new HttpRequestMessage(HttpMethod.Put, $"{Url}/{id}") { Content = JsonContent.Create(new { slug = "lifecycle", name }, options: HttpAssertions.JsonOptions) };
            request.Headers.IfMatch.Add(created.Headers.ETag!);
            return (await client.SendAsync(request, Ct)).StatusCode;
        }

        for (var round = 0; round < 5; round++)
        {
            var etag = (await Client.GetAsync($"{Url}/{id}", Ct)).Headers.ETag!;
            created.Headers.ETag = etag;
            var results = await Task.WhenAll(Put(Client, $"A{round}"), Put(second, $"B{round}"));
            Assert.Single(results, s => s == HttpStatusCode.OK);
            Assert.Single(results, s => s == HttpStatusCode.PreconditionFailed);
        }
    }

    private async Task<Guid> IdOf(string slug) =>
        (await (await Client.GetAsync($"{Url}/{slug}", Ct)).ReadJsonAsync(HttpStatusCode.OK))["id"]!.GetValue<Guid>();
}
