using System.Net;
using System.Text.Json.Nodes;
using IldRegistry.Domain.People;
using IldRegistry.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace IldRegistry.IntegrationTests.Search;

public sealed class SearchTests(RegistryApiFactory factory) : ApiTest(factory)
{
    private async Task<JsonArray> Search(string query)
    {
        var body = await (await Anonymous.GetAsync($"/api/v1/search?{query}", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        return body["items"]!.AsArray();
    }

    [Theory]
    [InlineData("lu kang")]
    [InlineData("Lu Kang")]
    [InlineData("LU KANG")]
    [InlineData("Lukang")]
    [InlineData("Lu Kanng")]
    [InlineData("lú kàng")]
    public async Task Spellings_of_lu_kang_find_him_first(string q)
    {
        var items = await Search($"q={Uri.EscapeDataString(q)}");
        var first = items[0]!;
        Assert.Equal("Lu Kang", first["name"]!.GetValue<string>());
        Assert.Equal("Person", first["type"]!.GetValue<string>());
        Assert.StartsWith("/api/v1/people/", first["url"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(first["score"]!.GetValue<double>() > 0);
    }

    [Fact]
    public async Task Ild_finds_the_department_first()
    {
        var first = (await Search("q=ILD"))[0]!;
        Assert.Equal("Department", first["type"]!.GetValue<string>());
        Assert.Equal("International Department of the Chinese Communist Party", first["name"]!.GetValue<string>());
        var record = await (await Anonymous.GetAsync(first["url"]!.GetValue<string>(), Ct)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("ild", record["slug"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_chinese_fragment_of_a_native_name_finds_its_record()
    {
        var first = (await Search($"q={Uri.EscapeDataString("对外联络部")}"))[0]!;
        Assert.Equal("International Department of the Chinese Communist Party", first["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_chinese_personal_name_finds_the_person()
    {
        await using (Factory.CreateScope(out var db))
        {
            db.People.Add(new Person { Name = "Wang Test", NativeName = "王测试" });
            await db.SaveChangesAsync(Ct);
        }

        var first = (await Search($"q={Uri.EscapeDataString("王测试")}"))[0]!;
        Assert.Equal("Wang Test", first["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Pinyin_without_tone_marks_finds_the_romanized_name()
    {
        var first = (await Search("q=zhongguo%20gongchandang"))[0]!;
        Assert.Equal("International Department of the Chinese Communist Party", first["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Type_filter_and_limit_apply()
    {
        var items = await Search("q=bureau&type=Bureau&limit=3");
        Assert.Equal(3, items.Count);
        Assert.All(items, i => Assert.Equal("Bureau", i!["type"]!.GetValue<string>()));
        var scores = items.Select(i => i!["score"]!.GetValue<double>()).ToList();
        Assert.Equal(scores.OrderDescending(), scores);
    }

    [Fact]
    public async Task A_type_filter_finds_only_that_type_even_where_another_matches_better()
    {
        Assert.Equal("Person", (await Search("q=Lu%20Kang"))[0]!["type"]!.GetValue<string>());
        var items = await Search("q=Lu%20Kang&type=Department");
        Assert.All(items, i => Assert.Equal("Department", i!["type"]!.GetValue<string>()));
        Assert.DoesNotContain(items, i => i!["name"]!.GetValue<string>() == "Lu Kang");
        Assert.Contains(await Search("q=Lu%20Kang&type=Person"), i => i!["name"]!.GetValue<string>() == "Lu Kang");
    }

    [Fact]
    public async Task Full_text_over_summaries_finds_institutions()
    {
        var items = await Search("q=think%20tank");
        Assert.Contains(items, i => i!["name"]!.GetValue<string>() == "China Center for Contemporary World Studies");
    }

    [Fact]
    public async Task Deleted_records_are_not_found()
    {
        var luKang = (await Search("q=Lu%20Kang"))[0]!;
        await using (Factory.CreateScope(out var db))
        {
            var id = luKang["id"]!.GetValue<Guid>();
            var leaderPosts = db.Leaders.Where(l => l.PersonId == id).ToList();
            foreach (var post in leaderPosts)
            {
                post.DeletedAt = DateTimeOffset.UtcNow;
            }

            db.People.Single(p => p.Id == id).DeletedAt = DateTimeOffset.UtcNow;
            await db.SaveChangesAsync(Ct);
        }

        Assert.DoesNotContain(await Search("q=Lu%20Kang"), i => i!["name"]!.GetValue<string>() == "Lu Kang");
    }

    [Fact]
    public async Task A_renamed_record_is_found_by_its_new_name_and_no_longer_by_its_old()
    {
        var id = (await Search("q=Lu%20Kang"))[0]!["id"]!.GetValue<Guid>();
        await using (Factory.CreateScope(out var db))
        {
            db.People.Single(p => p.Id == id).Name = "Qiaomu Renamed";
            await db.SaveChangesAsync(Ct);
        }

        var first = (await Search("q=Qiaomu%20Renamed"))[0]!;
        Assert.Equal(id, first["id"]!.GetValue<Guid>());
        Assert.Equal("Qiaomu Renamed", first["name"]!.GetValue<string>());
        Assert.DoesNotContain(await Search("q=Lu%20Kang"), i => i!["id"]!.GetValue<Guid>() == id);
    }

    [Fact]
    public async Task A_restored_record_is_found_again()
    {
        var id = (await Search("q=Lu%20Kang"))[0]!["id"]!.GetValue<Guid>();
        foreach (var deletedAt in new DateTimeOffset?[] { DateTimeOffset.UtcNow, null })
        {
            await using (Factory.CreateScope(out var db))
            {
                db.People.IgnoreQueryFilters().Single(p => p.Id == id).DeletedAt = deletedAt;
                await db.SaveChangesAsync(Ct);
            }

            var found = (await Search("q=Lu%20Kang")).Any(i => i!["id"]!.GetValue<Guid>() == id);
            Assert.Equal(deletedAt is null, found);
        }
    }

    [Theory]
    [InlineData("q=", "q")]
    [InlineData("limit=5", "q")]
    [InlineData("q=x&limit=0", "limit")]
    [InlineData("q=x&limit=101", "limit")]
    [InlineData("q=x&type=Planet", "type")]
    public async Task Bad_parameters_are_400_naming_them(string query, string field)
    {
        var problem = await (await Anonymous.GetAsync($"/api/v1/search?{query}", Ct)).ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(field, problem.Errors().Keys);
    }

    [Theory]
    [InlineData("%25")]
    [InlineData("_")]
    [InlineData("'%3B%20DROP%20TABLE%20people%3B--")]
    [InlineData("%3Cscript%3E")]
    public async Task Meta_characters_are_plain_text(string q)
    {
        var response = await Anonymous.GetAsync($"/api/v1/search?q={q}", Ct);
        await response.ReadJsonAsync(HttpStatusCode.OK);
        await (await Anonymous.GetAsync("/api/v1/departments/ild", Ct)).ReadJsonAsync(HttpStatusCode.OK);
    }
}
