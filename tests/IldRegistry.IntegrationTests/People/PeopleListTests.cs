using System.Net;
using System.Text.Json.Nodes;
using IldRegistry.IntegrationTests.Infrastructure;
using static IldRegistry.IntegrationTests.People.PeopleTestData;

namespace IldRegistry.IntegrationTests.People;

public sealed class PeopleListTests(RegistryApiFactory factory) : ApiTest(factory)
{
    private static readonly string[] SeededNames = ["Chen Zhou", "Li Mingxiang", "Liu Haixing", "Lu Kang", "Ma Hui", "Shen Ying", "Sun Haiyan"];

    private async Task<List<string>> NamesAsync(string query)
    {
        var body = await (await Anonymous.GetAsync($"{Url}?{query}", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        var names = body["items"]!.AsArray().Select(i => i!["name"]!.GetValue<string>()).ToList();
        Assert.Equal(names.Count, body["totalCount"]!.GetValue<int>());
        return names;
    }

    [Fact]
    public async Task The_seven_seeded_leaders_are_people_each_citing_the_article()
    {
        var body = await (await Anonymous.GetAsync($"{Url}?pageSize=50", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        var items = body["items"]!.AsArray();

        Assert.Equal(7, body["totalCount"]!.GetValue<int>());
        Assert.Equal(SeededNames, items.Select(i => i!["name"]!.GetValue<string>()));
        foreach (var person in items)
        {
            // Issue 12: Liu Haixing, Chen Zhou and Li Mingxiang also cite the news that dates or names them, after the article.
            var sources = person!["sources"]!.AsArray();
            Assert.Equal(person["name"]!.GetValue<string>() switch { "Liu Haixing" => 5, "Chen Zhou" => 3, "Li Mingxiang" => 2, _ => 1 }, sources.Count);
            var source = sources[0]!;
            Assert.Equal(ArticleUrl, source["url"]!.GetValue<string>());
            Assert.Equal("Wikipedia", source["publisher"]!.GetValue<string>());
            Assert.Contains(person["name"]!.GetValue<string>(), source["quote"]!.GetValue<string>(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task List_pages_with_totals_and_link_header()
    {
        var response = await Anonymous.GetAsync($"{Url}?pageSize=3&page=2", Ct);
        var body = await response.ReadJsonAsync(HttpStatusCode.OK);

        Assert.Equal(3, body["items"]!.AsArray().Count);
        Assert.Equal(2, body["page"]!.GetValue<int>());
        Assert.Equal(3, body["pageSize"]!.GetValue<int>());
        Assert.Equal(7, body["totalCount"]!.GetValue<int>());
        var link = response.Headers.GetValues("Link").Single();
        Assert.Contains("</api/v1/people?page=1&pageSize=3>; rel=\"first\"", link, StringComparison.Ordinal);
        Assert.Contains("page=1&pageSize=3>; rel=\"prev\"", link, StringComparison.Ordinal);
        Assert.Contains("page=3&pageSize=3>; rel=\"next\"", link, StringComparison.Ordinal);
        Assert.Contains("page=3&pageSize=3>; rel=\"last\"", link, StringComparison.Ordinal);

        var pages = new List<string>();
        for (var page = 1; page <= 3; page++)
        {
            var items = (await (await Anonymous.GetAsync($"{Url}?pageSize=3&page={page}", Ct)).ReadJsonAsync(HttpStatusCode.OK))["items"]!.AsArray();
            pages.AddRange(items.Select(i => i!["name"]!.GetValue<string>()));
        }

        Assert.Equal(SeededNames, pages);
    }

    [Fact]
    public async Task The_link_header_keeps_the_filters()
    {
        var response = await Anonymous.GetAsync($"{Url}?q=h&sort=-name&pageSize=2", Ct);
        await response.ReadJsonAsync(HttpStatusCode.OK);
        var link = response.Headers.GetValues("Link").Single();
        Assert.Contains("q=h&sort=-name&page=2&pageSize=2>; rel=\"next\"", link, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=201", "pageSize")]
    [InlineData("page=0", "page")]
    [InlineData("sort=rank", "sort")]
    [InlineData("current=maybe", "current")]
    [InlineData("departmentId=ild", "departmentId")]
    public async Task List_rejects_bad_paging_sort_and_filters(string query, string field)
    {
        var problem = await (await Anonymous.GetAsync($"{Url}?{query}", Ct)).ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(field, problem.Errors().Keys);
    }

    [Theory]
    [InlineData("haixing", new[] { "Liu Haixing" })]
    [InlineData("HAI", new[] { "Liu Haixing", "Sun Haiyan" })]
    [InlineData("  lu kang ", new[] { "Lu Kang" })]
    [InlineData("%", new string[0])]
    [InlineData("_", new string[0])]
    [InlineData("nobody", new string[0])]
    public async Task List_filters_by_name_case_insensitively_and_literally(string q, string[] expected)
    {
        Assert.Equal(expected, await NamesAsync($"q={Uri.EscapeDataString(q)}"));
    }

    [Theory]
    [InlineData("测试")]
    [InlineData("cèshì")]
    [InlineData("t. pers")]
    public async Task List_filters_by_native_romanized_and_other_names(string q)
    {
        await Client.CreatePersonAsync("Zhang San", Ct, nativeName: "张三测试");
        Assert.Equal(["Zhang San"], await NamesAsync($"q={Uri.EscapeDataString(q)}"));
    }

    [Fact]
    public async Task List_filters_by_department()
    {
        var cpsu = await Client.IdOfDepartmentAsync("cpsu-international-department", Ct);
        var ild = await Client.IdOfDepartmentAsync("ild", Ct);
        var boris = await Client.CreatePersonAsync("Boris Ponomarev", Ct);
        await Factory.AddPostAsync(boris, cpsu, "Head", 1, "1955", "1986");
        await Client.CreatePersonAsync("No Post", Ct);

        Assert.Equal(["Boris Ponomarev"], await NamesAsync($"departmentId={cpsu}"));
        Assert.Equal(SeededNames, await NamesAsync($"departmentId={ild}"));
        Assert.Empty(await NamesAsync($"departmentId={Guid.NewGuid()}"));
    }

    [Fact]
    public async Task A_person_with_several_posts_in_a_department_is_listed_once()
    {
        var ild = await Client.IdOfDepartmentAsync("ild", Ct);
        var luKang = await Client.IdOfPersonAsync("Lu Kang", Ct);
        await Factory.AddPostAsync(luKang, ild, "Assistant", 20, "2010", "2012");

        Assert.Equal(SeededNames, await NamesAsync($"departmentId={ild}"));
    }

    [Fact]
    public async Task List_filters_current_post_holders()
    {
        var cpsu = await Client.IdOfDepartmentAsync("cpsu-international-department", Ct);
        var former = await Client.CreatePersonAsync("Former Holder", Ct);
        await Factory.AddPostAsync(former, cpsu, "Head", 1, "1955", "1986");
        await Client.CreatePersonAsync("No Post", Ct);

        Assert.Equal(SeededNames, await NamesAsync("current=true"));
        Assert.Equal(["Former Holder", "No Post"], await NamesAsync("current=false"));
    }

    [Fact]
    public async Task With_a_department_current_means_serving_in_that_department()
    {
        var ild = await Client.IdOfDepartmentAsync("ild", Ct);
        var cpsu = await Client.IdOfDepartmentAsync("cpsu-international-department", Ct);
        var moved = await Client.CreatePersonAsync("Moved On", Ct);
        await Factory.AddPostAsync(moved, ild, "Deputy Head", 8, "2015", "2020");
        await Factory.AddPostAsync(moved, cpsu, "Adviser", 2, "2020");

        Assert.Equal(SeededNames, await NamesAsync($"departmentId={ild}&current=true"));
        Assert.Equal(["Moved On"], await NamesAsync($"departmentId={ild}&current=false"));
        Assert.Equal(["Moved On"], await NamesAsync($"departmentId={cpsu}&current=true"));
        Assert.Contains("Moved On", await NamesAsync("current=true"));
    }

    [Fact]
    public async Task Ended_or_deleted_posts_do_not_make_a_person_current()
    {
        var ild = await Client.IdOfDepartmentAsync("ild", Ct);
        var luKang = await Client.IdOfPersonAsync("Lu Kang", Ct);
        await Factory.DeletePostsOfAsync(luKang);
        await Factory.AddPostAsync(luKang, ild, "Deputy Head", 6, "2022", "2024");

        Assert.DoesNotContain("Lu Kang", await NamesAsync("current=true"));
        Assert.Equal(["Lu Kang"], await NamesAsync("current=false"));
    }

    [Fact]
    public async Task Sorts_by_name_both_ways()
    {
        Assert.Equal(SeededNames, await NamesAsync("sort=name"));
        Assert.Equal(SeededNames.Reverse(), await NamesAsync("sort=-name"));
        Assert.Equal(SeededNames, await NamesAsync(string.Empty));
    }

    [Fact]
    public async Task Sorts_by_created_and_updated_time()
    {
        await Client.CreatePersonAsync("Zed First", Ct);
        await Client.CreatePersonAsync("Able Second", Ct);

        Assert.Equal(["Zed First", "Able Second"], (await NamesAsync("sort=createdAt"))[^2..]);
        Assert.Equal(["Able Second", "Zed First"], (await NamesAsync("sort=-createdAt"))[..2]);

        var luKang = await Client.IdOfPersonAsync("Lu Kang", Ct);
        var put = await Client.PutCurrentAsync($"{Url}/{luKang}", JsonBody(new JsonObject { ["name"] = "Lu Kang", ["notes"] = "Edited." }), Ct);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);

        Assert.Equal(["Lu Kang", "Able Second", "Zed First"], (await NamesAsync("sort=-updatedAt"))[..3]);
        Assert.Equal(["Zed First", "Able Second", "Lu Kang"], (await NamesAsync("sort=updatedAt"))[^3..]);
    }

    [Fact]
    public async Task People_may_share_a_name()
    {
        var first = await Client.CreatePersonAsync("Wang Wei", Ct);
        var second = await Client.CreatePersonAsync("Wang Wei", Ct);

        Assert.NotEqual(first, second);
        Assert.Equal(["Wang Wei", "Wang Wei"], await NamesAsync("q=wang"));
    }

    private static StringContent JsonBody(JsonObject json) =>
        new(json.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
}
