using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IldRegistry.IntegrationTests.Infrastructure;

namespace IldRegistry.IntegrationTests.Leaders;

/// <summary>Creating and replacing leader posts: the rules, the overlap check, ETags.</summary>
public sealed class LeaderWriteTests(RegistryApiFactory factory) : LeaderTest(factory)
{
    [Fact]
    public async Task Post_creates_with_location_etag_and_the_embedded_person_and_department()
    {
        var person = await CreatePersonAsync("Wang Test", "王测试");
        var response = await Client.PostJsonAsync(Url, Post(IldId, person, "Secretary-General", 8, start: "2019-03", end: "2023~"), Ct);
        var created = await response.ReadJsonAsync(HttpStatusCode.Created);

        Assert.NotNull(response.Headers.ETag);
        Assert.Equal($"{Url}/{created["id"]}", response.Headers.Location!.AbsolutePath);
        Assert.Equal(person, created["person"]!["id"]!.GetValue<Guid>());
        Assert.Equal("Wang Test", created["person"]!["name"]!.GetValue<string>());
        Assert.Equal("王测试", created["person"]!["nativeName"]!.GetValue<string>());
        Assert.Equal("ild", created["department"]!["slug"]!.GetValue<string>());
        Assert.Equal("Secretary-General", created["title"]!.GetValue<string>());
        Assert.Equal(8, created["rank"]!.GetValue<int>());
        Assert.Equal("2019-03", created["start"]!.GetValue<string>());
        Assert.Equal("2023~", created["end"]!.GetValue<string>());
        Assert.Equal("https://example.org/source", created["sources"]![0]!["url"]!.GetValue<string>());

        var fetched = await Anonymous.GetAsync(response.Headers.Location, Ct);
        Assert.Equal(created.ToJsonString(), (await fetched.ReadJsonAsync(HttpStatusCode.OK)).ToJsonString());
        Assert.Equal(response.Headers.ETag, fetched.Headers.ETag);
        Assert.Equal(8, (await ItemsAsync("department=ild")).Count);
    }

    [Fact]
    public async Task Writes_need_an_editor_key()
    {
        var post = Post(IldId, LuKangId, "Adviser", 9);
        await (await Anonymous.PostJsonAsync(Url, post, Ct)).ReadProblemAsync(HttpStatusCode.Unauthorized);
        var id = Ids(await ItemsAsync("department=ild"))[0];
        await (await Anonymous.PutAsJsonAsync($"{Url}/{id}", post, HttpAssertions.JsonOptions, Ct)).ReadProblemAsync(HttpStatusCode.Unauthorized);
        await (await Anonymous.DeleteAsync($"{Url}/{id}", Ct)).ReadProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(7, (await ItemsAsync("department=ild")).Count);
    }

    public static TheoryData<string, string> BadFields => new()
    {
        { """{"title":"Head","rank":1}""", "departmentId" },
        { """{"departmentId":"00000000-0000-0000-0000-000000000000","personId":"{person}","title":"Head","rank":1}""", "departmentId" },
        { """{"departmentId":"not-a-guid","personId":"{person}","title":"Head","rank":1}""", "departmentId" },
        { """{"departmentId":"{ild}","title":"Head","rank":1}""", "personId" },
        { """{"departmentId":"{ild}","personId":42,"title":"Head","rank":1}""", "personId" },
        { """{"departmentId":"{ild}","personId":"{person}","rank":1}""", "title" },
        { """{"departmentId":"{ild}","personId":"{person}","title":"","rank":1}""", "title" },
        { """{"departmentId":"{ild}","personId":"{person}","title":"{long}","rank":1}""", "title" },
        { """{"departmentId":"{ild}","personId":"{person}","title":"Head"}""", "rank" },
        { """{"departmentId":"{ild}","personId":"{person}","title":"Head","rank":0}""", "rank" },
        { """{"departmentId":"{ild}","personId":"{person}","title":"Head","rank":-3}""", "rank" },
        { """{"departmentId":"{ild}","personId":"{person}","title":"Head","rank":1001}""", "rank" },
        { """{"departmentId":"{ild}","personId":"{person}","title":"Head","rank":"first"}""", "rank" },
        { """{"departmentId":"{ild}","personId":"{person}","title":"Head","rank":1,"start":"2022-13"}""", "start" },
        { """{"departmentId":"{ild}","personId":"{person}","title":"Head","rank":1,"start":2015}""", "start" },
        { """{"departmentId":"{ild}","personId":"{person}","title":"Head","rank":1,"end":"2022-02-30"}""", "end" },
        { """{"departmentId":"{ild}","personId":"{person}","title":"Head","rank":1,"start":"2015","end":"2014-12"}""", "end" },
        { """{"departmentId":"{ild}","personId":"{person}","title":"Head","rank":1,"start":"2015-06-15","end":"2015-06-14"}""", "end" },
        { """{"departmentId":"{ild}","personId":"{person}","title":"Head","rank":1,"sources":[{"title":"","url":"ftp://x"}]}""", "sources[0].title" },
        { """{"departmentId":"{ild}","personId":"{person}","title":"Head","rank":1,"sources":[{"title":"T","url":"ftp://x"}]}""", "sources[0].url" },
        { """{"departmentId":"{ild}","personId":"{person}","title":"Head","rank":1,"sources":[{"title":"T","language":"not a tag"}]}""", "sources[0].language" },
        { """{"departmentId":"{ild}","personId":"{person}","title":"Head","rank":1,"id":"{person}"}""", "id" },
        { """{"departmentId":"{ild}","personId":"{person}","title":"Head","rank":1,"createdAt":"2020-01-01T00:00:00Z"}""", "createdAt" },
    };

    [Theory]
    [MemberData(nameof(BadFields))]
    public async Task Bad_input_is_400_naming_the_field_and_writes_nothing(string template, string field)
    {
        var person = await CreatePersonAsync();
        var json = template.Replace("{ild}", IldId.ToString(), StringComparison.Ordinal)
            .Replace("{person}", person.ToString(), StringComparison.Ordinal)
            .Replace("{long}", new string('x', 201), StringComparison.Ordinal);

        var problem = await (await Client.PostRawJsonAsync(Url, json, Ct)).ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(field, problem.Errors().Keys);
        Assert.Equal(7, (await ItemsAsync("")).Count);
    }

    [Fact]
    public async Task Bad_input_on_put_is_400_naming_the_field_and_changes_nothing()
    {
        var id = Ids(await ItemsAsync("department=ild"))[0];
        var problem = await (await Client.PutCurrentAsync($"{Url}/{id}", Post(IldId, LuKangId, "", 0, "2020", "2019"), Ct))
            .ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal(["end", "rank", "title"], problem.Errors().Keys.Order(StringComparer.Ordinal));
        var post = await (await Client.GetAsync($"{Url}/{id}", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("Liu Haixing", post["person"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_title_of_200_characters_and_ranks_1_and_1000_are_accepted()
    {
        var person = await CreatePersonAsync();
        await CreatePostIdAsync(Post(IldId, person, new string('x', 200), 1000));
        await CreatePostIdAsync(Post(IldId, person, "Other", 1));
    }

    [Fact]
    public async Task An_end_in_the_same_year_as_a_more_precise_start_is_accepted()
    {
        var (post, _) = await CreatePostAsync(Post(IldId, await CreatePersonAsync(), start: "2015-06-15", end: "2015"));
        Assert.Equal("2015", post["end"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("departmentId")]
    [InlineData("personId")]
    public async Task An_unknown_department_or_person_is_400_on_its_field(string field)
    {
        var post = field == "departmentId" ? Post(Guid.NewGuid(), LuKangId) : Post(IldId, Guid.NewGuid());
        var problem = await (await Client.PostJsonAsync(Url, post, Ct)).ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("exists", Assert.Single(problem.Errors()[field]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_deleted_department_is_400_on_department_id()
    {
        var department = await CreateDepartmentAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteCurrentAsync($"/api/v1/departments/{department}", Ct)).StatusCode);

        var problem = await (await Client.PostJsonAsync(Url, Post(department, LuKangId), Ct)).ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("departmentId", problem.Errors().Keys);
    }

    [Fact]
    public async Task A_deleted_person_is_400_on_person_id()
    {
        var person = await CreatePersonAsync(deleted: true);
        var problem = await (await Client.PostJsonAsync(Url, Post(IldId, person), Ct)).ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("personId", problem.Errors().Keys);
    }

    [Fact]
    public async Task An_overlapping_tenure_of_the_same_person_in_the_same_post_is_409_naming_the_existing_post()
    {
        var department = await CreateDepartmentAsync();
        var person = await CreatePersonAsync("Zhang Overlap");
        var existing = await CreatePostIdAsync(Post(department, person, "Head", 1, "2015", "2022-04"));

        foreach (var (start, end) in new (string?, string?)[] { ("2022-04-30", null), ("2010", "2015-01-01"), ("2016", "2017"), (null, null), (null, "2015"), ("2022-04", "2023"), ("2010", "2030") })
        {
            var response = await Client.PostJsonAsync(Url, Post(department, person, "HEAD", 2, start, end), Ct);
            var problem = await response.ReadProblemAsync(HttpStatusCode.Conflict);
            var detail = problem["detail"]!.GetValue<string>();
            Assert.Contains(existing.ToString(), detail, StringComparison.Ordinal);
            Assert.Contains("Zhang Overlap", detail, StringComparison.Ordinal);
            Assert.Contains("'Head'", detail, StringComparison.Ordinal);
            Assert.Contains("2015", detail, StringComparison.Ordinal);
            Assert.Contains("2022-04", detail, StringComparison.Ordinal);
        }

        Assert.Equal([existing], Ids(await ItemsAsync($"departmentId={department}")));
    }

    [Fact]
    public async Task An_open_tenure_overlaps_any_later_one()
    {
        var department = await CreateDepartmentAsync();
        var person = await CreatePersonAsync();
        var serving = await CreatePostIdAsync(Post(department, person, "Head", 1, "2015"));

        var problem = await (await Client.PostJsonAsync(Url, Post(department, person, "Head", 1, "2090", "2091"), Ct)).ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("the present", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(serving.ToString(), problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Consecutive_tenures_and_the_same_dates_in_another_post_department_or_person_are_accepted()
    {
        var department = await CreateDepartmentAsync();
        var other = await CreateDepartmentAsync("other-department");
        var person = await CreatePersonAsync();
        await CreatePostIdAsync(Post(department, person, "Head", 1, "2015", "2022-04"));

        await CreatePostIdAsync(Post(department, person, "Head", 1, "2022-05", null));
        await CreatePostIdAsync(Post(department, person, "Head", 1, "2010", "2014-12-31"));
        await CreatePostIdAsync(Post(department, person, "Head", 1, null, "2009-06"));
        await CreatePostIdAsync(Post(department, person, "Deputy Head", 2, "2015", "2022-04"));
        await CreatePostIdAsync(Post(other, person, "Head", 1, "2015", "2022-04"));
        await CreatePostIdAsync(Post(department, await CreatePersonAsync("Someone Else"), "Head", 1, "2015", "2022-04"));

        Assert.Equal(6, (await ItemsAsync($"departmentId={department}")).Count);
    }

    [Fact]
    public async Task A_deleted_post_does_not_block_a_new_one()
    {
        var department = await CreateDepartmentAsync();
        var person = await CreatePersonAsync();
        var old = await CreatePostIdAsync(Post(department, person, "Head", 1, "2015"));
        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteCurrentAsync($"{Url}/{old}", Ct)).StatusCode);

        await CreatePostIdAsync(Post(department, person, "Head", 1, "2016"));
    }

    [Fact]
    public async Task Put_replaces_every_field_and_changes_the_etag()
    {
        var department = await CreateDepartmentAsync();
        var (created, response) = await CreatePostAsync(Post(IldId, LuKangId, "Adviser", 9, "2015", null));
        var id = created["id"]!.GetValue<Guid>();
        var person = await CreatePersonAsync("Replacement");

        using var put = new HttpRequestMessage(HttpMethod.Put, $"{Url}/{id}")
        {
            Content = JsonContent.Create(new { departmentId = department, personId = person, title = "Senior Adviser", rank = 3, start = "2016-02", end = "2020" }, options: HttpAssertions.JsonOptions),
        };
        put.Headers.IfMatch.Add(response.Headers.ETag!);
        var replaced = await Client.SendAsync(put, Ct);
        var body = await replaced.ReadJsonAsync(HttpStatusCode.OK);

        Assert.NotEqual(response.Headers.ETag, replaced.Headers.ETag);
        Assert.Equal("test-department", body["department"]!["slug"]!.GetValue<string>());
        Assert.Equal("Replacement", body["person"]!["name"]!.GetValue<string>());
        Assert.Equal("Senior Adviser", body["title"]!.GetValue<string>());
        Assert.Equal(3, body["rank"]!.GetValue<int>());
        Assert.Equal("2016-02", body["start"]!.GetValue<string>());
        Assert.Equal("2020", body["end"]!.GetValue<string>());
        Assert.Empty(body["sources"]!.AsArray());
        Assert.Equal(created["createdAt"]!.GetValue<DateTimeOffset>(), body["createdAt"]!.GetValue<DateTimeOffset>());
        var fetched = await (await Client.GetAsync($"{Url}/{id}", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(body.ToJsonString(), fetched.ToJsonString());
    }

    [Fact]
    public async Task Put_does_not_clash_with_itself_but_does_with_another_tenure()
    {
        var department = await CreateDepartmentAsync();
        var person = await CreatePersonAsync();
        var first = await CreatePostIdAsync(Post(department, person, "Head", 1, "2010", "2014"));
        var second = await CreatePostIdAsync(Post(department, person, "Head", 1, "2015"));

        var widened = await Client.PutCurrentAsync($"{Url}/{second}", Post(department, person, "Head", 2, "2015-01", null), Ct);
        await widened.ReadJsonAsync(HttpStatusCode.OK);

        var clash = await Client.PutCurrentAsync($"{Url}/{second}", Post(department, person, "head", 1, "2014-06", null), Ct);
        var problem = await clash.ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains(first.ToString(), problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        var unchanged = await (await Client.GetAsync($"{Url}/{second}", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("2015-01", unchanged["start"]!.GetValue<string>());
    }

    [Fact]
    public async Task Put_with_a_stale_if_match_is_412_and_changes_nothing()
    {
        var (created, response) = await CreatePostAsync(Post(IldId, LuKangId, "Adviser", 9));
        var id = created["id"]!.GetValue<Guid>();
        var first = await Client.PutCurrentAsync($"{Url}/{id}", Post(IldId, LuKangId, "First Edit", 9), Ct);
        await first.ReadJsonAsync(HttpStatusCode.OK);

        using var stale = new HttpRequestMessage(HttpMethod.Put, $"{Url}/{id}") { Content = JsonContent.Create(Post(IldId, LuKangId, "Lost Edit", 9), options: HttpAssertions.JsonOptions) };
        stale.Headers.IfMatch.Add(response.Headers.ETag!);
        var problem = await (await Client.SendAsync(stale, Ct)).ReadProblemAsync(HttpStatusCode.PreconditionFailed);

        // Exactly the ETag header a GET answers, hash part included.
        Assert.Equal(first.Headers.ETag!.Tag, problem["currentETag"]!.GetValue<string>());
        var fetched = await (await Client.GetAsync($"{Url}/{id}", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("First Edit", fetched["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task Put_with_a_malformed_if_match_is_400()
    {
        var id = Ids(await ItemsAsync("department=ild"))[0];
        using var request = new HttpRequestMessage(HttpMethod.Put, $"{Url}/{id}") { Content = JsonContent.Create(Post(IldId, LuKangId, "X", 1), options: HttpAssertions.JsonOptions) };
        request.Headers.TryAddWithoutValidation("If-Match", "abc");
        var problem = await (await Client.SendAsync(request, Ct)).ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("If-Match", problem.Errors().Keys);
    }

    [Fact]
    public async Task Put_of_a_missing_post_is_404_and_of_a_deleted_one_410()
    {
        await (await Client.PutCurrentAsync($"{Url}/{Guid.NewGuid()}", Post(IldId, LuKangId), Ct)).ReadProblemAsync(HttpStatusCode.NotFound);

        var id = await CreatePostIdAsync(Post(IldId, LuKangId, "Adviser", 9));
        await Client.DeleteCurrentAsync($"{Url}/{id}", Ct);
        var problem = await (await Client.PutCurrentAsync($"{Url}/{id}", Post(IldId, LuKangId, "Adviser", 9), Ct)).ReadProblemAsync(HttpStatusCode.Gone);
        Assert.Equal($"{Url}/{id}/restore", problem["restore"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_post_keeps_its_person_and_department_ids_in_a_put_round_trip()
    {
        var id = Ids(await ItemsAsync("department=ild"))[5];
        var post = await (await Client.GetAsync($"{Url}/{id}", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        var request = new JsonObject
        {
            ["departmentId"] = post["department"]!["id"]!.GetValue<Guid>(),
            ["personId"] = post["person"]!["id"]!.GetValue<Guid>(),
            ["title"] = post["title"]!.GetValue<string>(),
            ["rank"] = 5,
            ["sources"] = post["sources"]!.DeepClone(),
        };

        var replaced = await (await Client.PutCurrentAsync($"{Url}/{id}", request, Ct)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("Lu Kang", replaced["person"]!["name"]!.GetValue<string>());
        Assert.Equal(5, replaced["rank"]!.GetValue<int>());
        Assert.Equal(post["sources"]!.ToJsonString(), replaced["sources"]!.ToJsonString());
    }
}
