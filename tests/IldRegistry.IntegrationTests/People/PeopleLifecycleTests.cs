using System.Net;
using System.Net.Http.Json;
using IldRegistry.IntegrationTests.Infrastructure;
using static IldRegistry.IntegrationTests.People.PeopleTestData;

namespace IldRegistry.IntegrationTests.People;

/// <summary>Delete, restore and history of people.</summary>
public sealed class PeopleLifecycleTests(RegistryApiFactory factory) : ApiTest(factory)
{
    [Fact]
    public async Task Delete_then_get_is_410_pointing_to_restore_and_lists_leave_it_out()
    {
        var id = await Client.CreatePersonAsync("Short Lived", Ct);

        var delete = await Client.DeleteCurrentAsync($"{Url}/{id}", Ct);
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);

        var gone = await (await Anonymous.GetAsync($"{Url}/{id}", Ct)).ReadProblemAsync(HttpStatusCode.Gone);
        Assert.Equal($"{Url}/{id}/restore", gone["restore"]!.GetValue<string>());
        var list = await (await Anonymous.GetAsync($"{Url}?pageSize=200", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(7, list["totalCount"]!.GetValue<int>());
        Assert.DoesNotContain(list["items"]!.AsArray(), i => i!["id"]!.GetValue<Guid>() == id);
        Assert.Empty((await (await Anonymous.GetAsync($"{Url}?q=short", Ct)).ReadJsonAsync(HttpStatusCode.OK))["items"]!.AsArray());
    }

    [Fact]
    public async Task Put_and_delete_of_a_deleted_person_are_410()
    {
        var id = await Client.CreatePersonAsync("Short Lived", Ct);
        await Client.DeleteCurrentAsync($"{Url}/{id}", Ct);

        await (await Client.PutCurrentAsync($"{Url}/{id}", NewPerson(), Ct)).ReadProblemAsync(HttpStatusCode.Gone);
        await (await Client.DeleteCurrentAsync($"{Url}/{id}", Ct)).ReadProblemAsync(HttpStatusCode.Gone);
    }

    [Fact]
    public async Task Delete_of_a_missing_person_is_404()
    {
        await (await Client.DeleteCurrentAsync($"{Url}/{Guid.NewGuid()}", Ct)).ReadProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Delete_without_a_key_is_401()
    {
        var id = await Client.IdOfPersonAsync("Lu Kang", Ct);
        await (await Anonymous.DeleteAsync($"{Url}/{id}", Ct)).ReadProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Deleting_a_person_who_holds_posts_is_409_naming_them()
    {
        var id = await Client.IdOfPersonAsync("Lu Kang", Ct);

        var problem = await (await Client.DeleteCurrentAsync($"{Url}/{id}", Ct)).ReadProblemAsync(HttpStatusCode.Conflict);

        var detail = problem["detail"]!.GetValue<string>();
        Assert.Contains("leader posts: Deputy Head of International Department of the Chinese Communist Party", detail, StringComparison.Ordinal);
        await (await Client.GetAsync($"{Url}/{id}", Ct)).ReadJsonAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_ended_post_still_blocks_the_delete()
    {
        var cpsu = await Client.IdOfDepartmentAsync("cpsu-international-department", Ct);
        var id = await Client.CreatePersonAsync("Boris Ponomarev", Ct);
        await Factory.AddPostAsync(id, cpsu, "Head", 1, "1955", "1986");

        var problem = await (await Client.DeleteCurrentAsync($"{Url}/{id}", Ct)).ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("Head of International Department of the Communist Party of the Soviet Union", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Once_the_posts_are_deleted_the_person_can_be_deleted()
    {
        var id = await Client.IdOfPersonAsync("Lu Kang", Ct);
        await Factory.DeletePostsOfAsync(id);

        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteCurrentAsync($"{Url}/{id}", Ct)).StatusCode);
        await (await Client.GetAsync($"{Url}/{id}", Ct)).ReadProblemAsync(HttpStatusCode.Gone);
    }

    [Fact]
    public async Task Delete_with_a_stale_if_match_is_412_and_deletes_nothing()
    {
        var created = await Client.PostJsonAsync(Url, NewPerson(), Ct);
        var id = (await created.ReadJsonAsync(HttpStatusCode.Created))["id"]!.GetValue<Guid>();
        await (await Client.PutCurrentAsync($"{Url}/{id}", NewPerson("Changed"), Ct)).ReadJsonAsync(HttpStatusCode.OK);

        using var request = new HttpRequestMessage(HttpMethod.Delete, $"{Url}/{id}");
        request.Headers.IfMatch.Add(created.Headers.ETag!);
        await (await Client.SendAsync(request, Ct)).ReadProblemAsync(HttpStatusCode.PreconditionFailed);
        await (await Client.GetAsync($"{Url}/{id}", Ct)).ReadJsonAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Restore_brings_it_back_with_an_etag()
    {
        var id = await Client.CreatePersonAsync("Comeback", Ct);
        await Client.DeleteCurrentAsync($"{Url}/{id}", Ct);

        var restored = await Client.PostAsync($"{Url}/{id}/restore", null, Ct);
        var body = await restored.ReadJsonAsync(HttpStatusCode.OK);

        Assert.Equal("Comeback", body["name"]!.GetValue<string>());
        Assert.NotNull(restored.Headers.ETag);
        var fetch = await Anonymous.GetAsync($"{Url}/{id}", Ct);
        await fetch.ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(restored.Headers.ETag, fetch.Headers.ETag);
        Assert.Contains("Comeback", (await (await Anonymous.GetAsync($"{Url}?q=comeback", Ct)).ReadJsonAsync(HttpStatusCode.OK))["items"]![0]!["name"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restore_of_a_live_person_changes_nothing()
    {
        var id = await Client.IdOfPersonAsync("Lu Kang", Ct);
        var before = await Client.GetAsync($"{Url}/{id}", Ct);
        await before.ReadJsonAsync(HttpStatusCode.OK);

        var restored = await Client.PostAsync($"{Url}/{id}/restore", null, Ct);
        await restored.ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(before.Headers.ETag, restored.Headers.ETag);
    }

    [Fact]
    public async Task Restore_of_a_missing_person_is_404()
    {
        await (await Client.PostAsync($"{Url}/{Guid.NewGuid()}/restore", null, Ct)).ReadProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task History_of_a_seeded_person_shows_the_seed()
    {
        var id = await Client.IdOfPersonAsync("Lu Kang", Ct);
        var history = await (await Anonymous.GetAsync($"{Url}/{id}/history", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        var entry = Assert.Single(history["items"]!.AsArray())!;
        Assert.Equal("Created", entry["action"]!.GetValue<string>());
        Assert.Equal("system", entry["actor"]!.GetValue<string>());
    }
}
