using System.Net;
using System.Text.Json.Nodes;
using IldRegistry.IntegrationTests.Infrastructure;

namespace IldRegistry.IntegrationTests.Performance;

/// <summary><c>after</c>: each page continues right after the last record of the previous one.</summary>
public sealed class KeysetPagingTests(RegistryApiFactory factory) : ApiTest(factory)
{
    [Theory]
    [InlineData("/api/v1/events?department=ild", "date")]
    [InlineData("/api/v1/events?department=ild", "-date")]
    [InlineData("/api/v1/events", "title")]
    [InlineData("/api/v1/bureaus?department=ild", "sortOrder")]
    [InlineData("/api/v1/bureaus", "-name")]
    [InlineData("/api/v1/people", "name")]
    [InlineData("/api/v1/leaders", "person")]
    [InlineData("/api/v1/institutions", "-name")]
    [InlineData("/api/v1/departments", "slug")]
    public async Task Walking_with_after_gives_the_same_records_in_the_same_order_as_one_big_page(string list, string sort)
    {
        var all = Ids(await (await Anonymous.GetAsync($"{list}{Join(list)}sort={sort}&pageSize=200", Ct)).ReadJsonAsync(HttpStatusCode.OK));
        Assert.True(all.Count >= 4, $"{list} has too few records to page");

        var walked = new List<Guid>();
        Guid? after = null;
        for (var guard = 0; guard < 100; guard++)
        {
            var url = $"{list}{Join(list)}sort={sort}&pageSize=3" + (after is { } a ? $"&after={a}" : string.Empty);
            var page = await (await Anonymous.GetAsync(url, Ct)).ReadJsonAsync(HttpStatusCode.OK);
            Assert.Equal(all.Count, page["totalCount"]!.GetValue<int>());
            var ids = Ids(page);
            walked.AddRange(ids);
            if (ids.Count < 3)
            {
                break;
            }

            after = ids[^1];
        }

        Assert.Equal(all, walked);
    }

    [Theory]
    [InlineData("/api/v1/events?sort=kind&after={0}", "after")]
    [InlineData("/api/v1/events?after={0}&page=2", "after")]
    [InlineData("/api/v1/events?after=00000000-0000-0000-0000-000000000001", "after")]
    [InlineData("/api/v1/events?after=not-a-guid", "after")]
    public async Task After_is_refused_clearly_where_it_cannot_work(string template, string field)
    {
        var first = Ids(await (await Anonymous.GetAsync("/api/v1/events?pageSize=1", Ct)).ReadJsonAsync(HttpStatusCode.OK))[0];
        var problem = await (await Anonymous.GetAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, template, first), Ct)).ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(field, problem.Errors().Keys);
    }

    private static string Join(string list) => list.Contains('?', StringComparison.Ordinal) ? "&" : "?";

    private static List<Guid> Ids(JsonObject page) => page["items"]!.AsArray().Select(i => i!["id"]!.GetValue<Guid>()).ToList();
}
