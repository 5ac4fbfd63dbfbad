using System.Net;
using IldRegistry.IntegrationTests.Infrastructure;

namespace IldRegistry.IntegrationTests.Resources;

/// <summary>One URL, one resource: <c>/departments/ild</c> answers every method that <c>/departments/{id}</c> does.</summary>
public sealed class DepartmentUrlTests(RegistryApiFactory factory) : ApiTest(factory)
{
    private const string Url = "/api/v1/departments";

    [Fact]
    public async Task Put_delete_restore_and_history_take_the_slug_as_get_does()
    {
        var created = await (await Client.PostJsonAsync(Url, new { slug = "by-slug", name = "Department by slug" }, Ct)).ReadJsonAsync(HttpStatusCode.Created);
        var id = created["id"]!.GetValue<Guid>();

        var read = await Client.GetAsync($"{Url}/by-slug", Ct);
        using var put = new HttpRequestMessage(HttpMethod.Put, $"{Url}/by-slug")
        {
            Content = new StringContent("""{ "slug": "by-slug", "name": "Renamed by slug" }""", System.Text.Encoding.UTF8, "application/json"),
        };
        put.Headers.IfMatch.Add(read.Headers.ETag!);
        var replaced = await (await Client.SendAsync(put, Ct)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(id, replaced["id"]!.GetValue<Guid>());
        Assert.Equal("Renamed by slug", replaced["name"]!.GetValue<string>());

        var reread = await Client.GetAsync($"{Url}/by-slug", Ct);
        using var delete = new HttpRequestMessage(HttpMethod.Delete, $"{Url}/by-slug");
        delete.Headers.IfMatch.Add(reread.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NoContent, (await Client.SendAsync(delete, Ct)).StatusCode);
        await (await Client.GetAsync($"{Url}/{id}", Ct)).ReadProblemAsync(HttpStatusCode.Gone);

        var restored = await (await Client.PostAsync($"{Url}/by-slug/restore", null, Ct)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(id, restored["id"]!.GetValue<Guid>());

        var history = await (await Anonymous.GetAsync($"{Url}/by-slug/history", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(["Restored", "Deleted", "Updated", "Created"], history["items"]!.AsArray().Select(e => e!["action"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("PUT", "no-such-department")]
    [InlineData("DELETE", "no-such-department")]
    [InlineData("POST", "no-such-department/restore")]
    [InlineData("GET", "no-such-department/history")]
    public async Task An_unknown_slug_is_404_with_problem_details_naming_it(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), $"{Url}/{path}");
        if (method == "PUT")
        {
            request.Content = new StringContent("""{ "slug": "no-such-department", "name": "None" }""", System.Text.Encoding.UTF8, "application/json");
            request.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue("\"1-abc\""));
        }

        var problem = await (await Client.SendAsync(request, Ct)).ReadProblemAsync(HttpStatusCode.NotFound);
        Assert.Contains("no-such-department", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bureaus")]
    [InlineData("people")]
    public async Task On_other_resources_a_key_that_is_not_an_id_is_404_with_problem_details(string resource)
    {
        var problem = await (await Client.GetAsync($"/api/v1/{resource}/not-an-id/history", Ct)).ReadProblemAsync(HttpStatusCode.NotFound);
        Assert.Contains("not-an-id", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
