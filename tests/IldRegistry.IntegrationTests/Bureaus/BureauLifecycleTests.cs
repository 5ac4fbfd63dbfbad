using System.Net;
using IldRegistry.IntegrationTests.Infrastructure;

namespace IldRegistry.IntegrationTests.Bureaus;

/// <summary>Delete, restore and history of bureaus.</summary>
public sealed class BureauLifecycleTests(RegistryApiFactory factory) : BureauTestBase(factory)
{
    [Fact]
    public async Task Delete_then_get_is_410_pointing_to_restore_and_lists_leave_it_out()
    {
        var id = await SeededIdAsync("Protocol Bureau");

        var delete = await Client.DeleteCurrentAsync($"{Url}/{id}", Ct);
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);

        var gone = await (await Client.GetAsync($"{Url}/{id}", Ct)).ReadProblemAsync(HttpStatusCode.Gone);
        Assert.Equal($"{Url}/{id}/restore", gone["restore"]!.GetValue<string>());
        var list = await ListAsync("pageSize=200");
        Assert.Equal(16, list["totalCount"]!.GetValue<int>());
        Assert.DoesNotContain("Protocol Bureau", Names(list));
        await (await Client.DeleteCurrentAsync($"{Url}/{id}", Ct)).ReadProblemAsync(HttpStatusCode.Gone);
    }

    [Fact]
    public async Task Delete_of_an_unknown_bureau_is_404_and_without_a_key_401()
    {
        await (await Client.DeleteCurrentAsync($"{Url}/{Guid.NewGuid()}", Ct)).ReadProblemAsync(HttpStatusCode.NotFound);
        var id = await SeededIdAsync("Cadre Bureau");
        await (await Anonymous.DeleteAsync($"{Url}/{id}", Ct)).ReadProblemAsync(HttpStatusCode.Unauthorized);
        await (await Client.GetAsync($"{Url}/{id}", Ct)).ReadJsonAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Deleting_a_bureau_with_live_child_bureaus_is_409_naming_them()
    {
        var ild = await DepartmentIdAsync();
        var parent = await SeededIdAsync("General Office");
        var first = await CreateIdAsync(NewBureau(ild, "Secretariat", kind: "Office", parentBureauId: parent, sortOrder: 1));
        await CreateIdAsync(NewBureau(ild, "Archives", kind: "Office", parentBureauId: parent, sortOrder: 2));

        var problem = await (await Client.DeleteCurrentAsync($"{Url}/{parent}", Ct)).ReadProblemAsync(HttpStatusCode.Conflict);
        var detail = problem["detail"]!.GetValue<string>();
        Assert.Contains("child bureaus: Secretariat, Archives", detail, StringComparison.Ordinal);
        await (await Client.GetAsync($"{Url}/{parent}", Ct)).ReadJsonAsync(HttpStatusCode.OK);

        // Once the children are gone, so can the parent be.
        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteCurrentAsync($"{Url}/{first}", Ct)).StatusCode);
        problem = await (await Client.DeleteCurrentAsync($"{Url}/{parent}", Ct)).ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.DoesNotContain("Secretariat", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_parent_whose_children_are_all_deleted_can_be_deleted()
    {
        var ild = await DepartmentIdAsync();
        var parent = await CreateIdAsync(NewBureau(ild, "Parent Office"));
        var child = await CreateIdAsync(NewBureau(ild, "Child Office", parentBureauId: parent));

        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteCurrentAsync($"{Url}/{child}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteCurrentAsync($"{Url}/{parent}", Ct)).StatusCode);
    }

    [Fact]
    public async Task Delete_with_a_stale_if_match_is_412_and_deletes_nothing()
    {
        var ild = await DepartmentIdAsync();
        var (created, response) = await CreateAsync(NewBureau(ild, "Draft Bureau"));
        var id = created["id"]!.GetValue<Guid>();
        Assert.Equal(HttpStatusCode.OK, (await PutAsync(id, NewBureau(ild, "Changed"))).StatusCode);

        using var request = new HttpRequestMessage(HttpMethod.Delete, $"{Url}/{id}");
        request.Headers.IfMatch.Add(response.Headers.ETag!);
        await (await Client.SendAsync(request, Ct)).ReadProblemAsync(HttpStatusCode.PreconditionFailed);
        await (await Client.GetAsync($"{Url}/{id}", Ct)).ReadJsonAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Delete_with_the_current_if_match_succeeds()
    {
        var (created, response) = await CreateAsync(NewBureau(await DepartmentIdAsync()));
        using var request = new HttpRequestMessage(HttpMethod.Delete, $"{Url}/{created["id"]!.GetValue<Guid>()}");
        request.Headers.IfMatch.Add(response.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NoContent, (await Client.SendAsync(request, Ct)).StatusCode);
    }

    [Fact]
    public async Task Restore_brings_it_back_with_its_number()
    {
        var id = await SeededIdAsync("Latin American Bureau");
        await Client.DeleteCurrentAsync($"{Url}/{id}", Ct);

        var restored = await Client.PostAsync($"{Url}/{id}/restore", null, Ct);
        var body = await restored.ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(5, body["number"]!.GetValue<int>());
        Assert.NotNull(restored.Headers.ETag);
        Assert.Equal(17, (await ListAsync(string.Empty))["totalCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task Restore_of_a_live_bureau_changes_nothing_and_of_an_unknown_one_is_404()
    {
        var id = await SeededIdAsync("Cadre Bureau");
        var body = await (await Client.PostAsync($"{Url}/{id}/restore", null, Ct)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("Cadre Bureau", body["name"]!.GetValue<string>());
        await (await Client.PostAsync($"{Url}/{Guid.NewGuid()}/restore", null, Ct)).ReadProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Restore_is_409_while_its_parent_bureau_is_deleted()
    {
        var ild = await DepartmentIdAsync();
        var parent = await CreateIdAsync(NewBureau(ild, "Parent Office"));
        var child = await CreateIdAsync(NewBureau(ild, "Child Office", parentBureauId: parent));
        await Client.DeleteCurrentAsync($"{Url}/{child}", Ct);
        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteCurrentAsync($"{Url}/{parent}", Ct)).StatusCode);

        var problem = await (await Client.PostAsync($"{Url}/{child}/restore", null, Ct)).ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("parentBureauId", problem["field"]!.GetValue<string>());
        await (await Client.GetAsync($"{Url}/{child}", Ct)).ReadProblemAsync(HttpStatusCode.Gone);

        await (await Client.PostAsync($"{Url}/{parent}/restore", null, Ct)).ReadJsonAsync(HttpStatusCode.OK);
        await (await Client.PostAsync($"{Url}/{child}/restore", null, Ct)).ReadJsonAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Restore_is_409_while_its_department_is_deleted()
    {
        var department = await Client.PostJsonAsync("/api/v1/departments", new { slug = "short-lived", name = "Short-lived Department" }, Ct);
        var departmentId = (await department.ReadJsonAsync(HttpStatusCode.Created))["id"]!.GetValue<Guid>();
        var id = await CreateIdAsync(NewBureau(departmentId));
        await Client.DeleteCurrentAsync($"{Url}/{id}", Ct);
        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteCurrentAsync($"/api/v1/departments/{departmentId}", Ct)).StatusCode);

        var problem = await (await Client.PostAsync($"{Url}/{id}/restore", null, Ct)).ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("departmentId", problem["field"]!.GetValue<string>());
        await (await Client.GetAsync($"{Url}/{id}", Ct)).ReadProblemAsync(HttpStatusCode.Gone);
    }

    [Fact]
    public async Task Restore_is_409_when_a_live_bureau_took_its_name_or_number_meanwhile()
    {
        var ild = await DepartmentIdAsync();
        var protocol = await SeededIdAsync("Protocol Bureau");
        await Client.DeleteCurrentAsync($"{Url}/{protocol}", Ct);
        await CreateIdAsync(NewBureau(ild, "Protocol Bureau"));
        var problem = await (await Client.PostAsync($"{Url}/{protocol}/restore", null, Ct)).ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("name", problem["field"]!.GetValue<string>());

        var africa = await SeededIdAsync("Africa Bureau");
        await Client.DeleteCurrentAsync($"{Url}/{africa}", Ct);
        await CreateIdAsync(NewBureau(ild, "New Africa Bureau", kind: "RegionalBureau", number: 4));
        problem = await (await Client.PostAsync($"{Url}/{africa}/restore", null, Ct)).ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("number", problem["field"]!.GetValue<string>());
        Assert.Contains("New Africa Bureau", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_write_leaves_neither_a_change_nor_an_audit_row()
    {
        var ild = await DepartmentIdAsync();
        var id = await CreateIdAsync(NewBureau(ild, "Draft Bureau"));
        await (await PutAsync(id, NewBureau(ild, "Cadre Bureau"))).ReadProblemAsync(HttpStatusCode.Conflict);
        await (await PutAsync(id, NewBureau(ild, "Draft Bureau", parentBureauId: id))).ReadProblemAsync(HttpStatusCode.BadRequest);

        var history = await (await Client.GetAsync($"{Url}/{id}/history", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, history["totalCount"]!.GetValue<int>());
    }
}
