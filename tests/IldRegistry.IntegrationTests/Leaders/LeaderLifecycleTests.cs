using System.Net;
using System.Net.Http.Json;
using IldRegistry.IntegrationTests.Infrastructure;

namespace IldRegistry.IntegrationTests.Leaders;

/// <summary>Deleting, restoring and the history of leader posts.</summary>
public sealed class LeaderLifecycleTests(RegistryApiFactory factory) : LeaderTest(factory)
{
    [Fact]
    public async Task Delete_then_get_is_410_pointing_to_restore_and_lists_leave_it_out()
    {
        var id = Ids(await ItemsAsync("department=ild"))[6];

        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteCurrentAsync($"{Url}/{id}", Ct)).StatusCode);

        var gone = await (await Anonymous.GetAsync($"{Url}/{id}", Ct)).ReadProblemAsync(HttpStatusCode.Gone);
        Assert.Equal($"{Url}/{id}/restore", gone["restore"]!.GetValue<string>());
        Assert.Equal(SeedNames[..6], Names(await ItemsAsync("department=ild")));
        var leadership = await (await Anonymous.GetAsync("/api/v1/departments/ild/leaders", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(SeedNames[..6], Names(leadership["leaders"]!.AsArray()));
        await (await Client.DeleteCurrentAsync($"{Url}/{id}", Ct)).ReadProblemAsync(HttpStatusCode.Gone);
    }

    [Fact]
    public async Task Delete_of_a_missing_post_is_404()
    {
        await (await Client.DeleteCurrentAsync($"{Url}/{Guid.NewGuid()}", Ct)).ReadProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Delete_with_a_stale_if_match_is_412_and_deletes_nothing()
    {
        var (created, response) = await CreatePostAsync(Post(IldId, LuKangId, "Adviser", 9));
        var id = created["id"]!.GetValue<Guid>();
        await (await Client.PutCurrentAsync($"{Url}/{id}", Post(IldId, LuKangId, "Changed", 9), Ct)).ReadJsonAsync(HttpStatusCode.OK);

        using var request = new HttpRequestMessage(HttpMethod.Delete, $"{Url}/{id}");
        request.Headers.IfMatch.Add(response.Headers.ETag!);
        await (await Client.SendAsync(request, Ct)).ReadProblemAsync(HttpStatusCode.PreconditionFailed);
        await (await Client.GetAsync($"{Url}/{id}", Ct)).ReadJsonAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Restore_brings_it_back_with_an_etag()
    {
        var id = Ids(await ItemsAsync("department=ild"))[0];
        await Client.DeleteCurrentAsync($"{Url}/{id}", Ct);

        var restored = await Client.PostAsync($"{Url}/{id}/restore", null, Ct);
        var body = await restored.ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("Liu Haixing", body["person"]!["name"]!.GetValue<string>());
        Assert.NotNull(restored.Headers.ETag);
        Assert.Equal(SeedNames, Names(await ItemsAsync("department=ild")));
    }

    [Fact]
    public async Task Restore_of_a_live_post_changes_nothing_and_of_a_missing_one_is_404()
    {
        var id = Ids(await ItemsAsync("department=ild"))[0];
        var restored = await (await Client.PostAsync($"{Url}/{id}/restore", null, Ct)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("Head", restored["title"]!.GetValue<string>());
        var history = await (await Client.GetAsync($"{Url}/{id}/history", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(["Created"], history["items"]!.AsArray().Select(i => i!["action"]!.GetValue<string>()));

        await (await Client.PostAsync($"{Url}/{Guid.NewGuid()}/restore", null, Ct)).ReadProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Restore_is_409_while_its_department_is_deleted()
    {
        var department = await CreateDepartmentAsync();
        var id = await CreatePostIdAsync(Post(department, LuKangId));
        await (await Client.DeleteCurrentAsync($"/api/v1/departments/{department}", Ct)).ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteCurrentAsync($"{Url}/{id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteCurrentAsync($"/api/v1/departments/{department}", Ct)).StatusCode);

        var problem = await (await Client.PostAsync($"{Url}/{id}/restore", null, Ct)).ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("department", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("departmentId", problem["field"]!.GetValue<string>());
        await (await Client.GetAsync($"{Url}/{id}", Ct)).ReadProblemAsync(HttpStatusCode.Gone);

        await (await Client.PostAsync($"/api/v1/departments/{department}/restore", null, Ct)).ReadJsonAsync(HttpStatusCode.OK);
        await (await Client.PostAsync($"{Url}/{id}/restore", null, Ct)).ReadJsonAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Restore_is_409_while_its_person_is_deleted()
    {
        var person = await CreatePersonAsync();
        var id = await CreatePostIdAsync(Post(IldId, person, "Adviser", 9));
        await Client.DeleteCurrentAsync($"{Url}/{id}", Ct);
        await DeletePersonAsync(person);

        var problem = await (await Client.PostAsync($"{Url}/{id}/restore", null, Ct)).ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("person", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("personId", problem["field"]!.GetValue<string>());
        await (await Client.GetAsync($"{Url}/{id}", Ct)).ReadProblemAsync(HttpStatusCode.Gone);
    }

    [Fact]
    public async Task Restore_is_409_when_an_overlapping_tenure_was_entered_meanwhile()
    {
        var department = await CreateDepartmentAsync();
        var person = await CreatePersonAsync();
        var id = await CreatePostIdAsync(Post(department, person, "Head", 1, "2015"));
        await Client.DeleteCurrentAsync($"{Url}/{id}", Ct);
        var replacement = await CreatePostIdAsync(Post(department, person, "Head", 1, "2015-03"));

        var problem = await (await Client.PostAsync($"{Url}/{id}/restore", null, Ct)).ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains(replacement.ToString(), problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        await (await Client.GetAsync($"{Url}/{id}", Ct)).ReadProblemAsync(HttpStatusCode.Gone);
    }

    [Fact]
    public async Task A_department_with_live_posts_cannot_be_deleted_but_can_once_they_are_deleted()
    {
        var department = await CreateDepartmentAsync();
        var id = await CreatePostIdAsync(Post(department, LuKangId, "Chair", 1));

        var problem = await (await Client.DeleteCurrentAsync($"/api/v1/departments/{department}", Ct)).ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("Chair Lu Kang", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        await Client.DeleteCurrentAsync($"{Url}/{id}", Ct);
        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteCurrentAsync($"/api/v1/departments/{department}", Ct)).StatusCode);
    }
}
