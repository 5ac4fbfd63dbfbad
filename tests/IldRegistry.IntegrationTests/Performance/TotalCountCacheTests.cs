using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IldRegistry.IntegrationTests.Events;
using IldRegistry.IntegrationTests.Infrastructure;

namespace IldRegistry.IntegrationTests.Performance;

/// <summary>
/// A list's totalCount is counted once per filter and remembered until the next write: other pages of the same
/// filter send only the page's query, and every kind of write (create, replace, delete, restore, import) makes the
/// next list count again, so the total is never stale.
/// </summary>
public sealed class TotalCountCacheTests(RegistryApiFactory factory) : ApiTest(factory)
{
    private const string MandateChanges = "/api/v1/events?kind=MandateChange&pageSize=1";

    // A page of events that link nothing: the count, the page and its sources; without the count when remembered.
    private const int Counted = 3;
    private const int Remembered = Counted - 1;

    [Fact]
    public async Task Pages_of_one_filter_count_once_and_another_filter_counts_anew()
    {
        var (first, total, queries) = await ListAsync(MandateChanges);
        Assert.Equal(Counted, queries);
        Assert.True(total >= 2, $"the seed holds {total} mandate changes");

        var (again, totalAgain, queriesAgain) = await ListAsync(MandateChanges);
        Assert.Equal((total, Remembered), (totalAgain, queriesAgain));
        Assert.Equal(first.ToJsonString(), again.ToJsonString());

        var (_, secondPageTotal, secondPageQueries) = await ListAsync(MandateChanges + "&page=2");
        Assert.Equal((total, Remembered), (secondPageTotal, secondPageQueries));

        // The sort is not part of what is counted.
        var (_, sortedTotal, sortedQueries) = await ListAsync(MandateChanges + "&sort=-date");
        Assert.Equal((total, Remembered), (sortedTotal, sortedQueries));

        var (_, otherTotal, otherQueries) = await ListAsync("/api/v1/events?kind=Founding&pageSize=1");
        Assert.Equal(Counted, otherQueries);
        Assert.NotEqual(total, otherTotal);
    }

    [Fact]
    public async Task Every_write_makes_the_next_list_count_again()
    {
        var (_, total, _) = await ListAsync(MandateChanges);

        var created = await Client.PostJsonAsync("/api/v1/events", EventsTests.NewEvent(kind: "MandateChange", title: "A new mandate"), Ct);
        var body = await created.ReadJsonAsync(HttpStatusCode.Created);
        var id = body["id"]!.GetValue<Guid>();
        await AssertTotalAsync(total + 1);

        // A replace that moves the event out of the filter.
        var replacement = EventsTests.NewEvent(kind: "Other", title: "No longer a mandate change");
        using (var put = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/events/{id}") { Content = JsonContent.Create(replacement, options: HttpAssertions.JsonOptions) })
        {
            put.Headers.IfMatch.Add(created.Headers.ETag!);
            await (await Client.SendAsync(put, Ct)).ReadJsonAsync(HttpStatusCode.OK);
        }

        await AssertTotalAsync(total);

        var seeded = (await ListAsync(MandateChanges)).Page["items"]![0]!["id"]!.GetValue<Guid>();
        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteCurrentAsync($"/api/v1/events/{seeded}", Ct)).StatusCode);
        await AssertTotalAsync(total - 1);

        await (await Client.PostAsync($"/api/v1/events/{seeded}/restore", null, Ct)).ReadJsonAsync(HttpStatusCode.OK);
        await AssertTotalAsync(total);
    }

    [Fact]
    public async Task An_import_in_its_own_transaction_makes_the_next_list_count_again()
    {
        var (_, total, _) = await ListAsync(MandateChanges);
        var export = await (await Anonymous.GetAsync("/api/v1/export?format=json", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        var events = export["events"]!.AsArray();
        var statement = events.First(e => e!["kind"]!.GetValue<string>() == "MandateChange")!.AsObject();
        statement["kind"] = "Other";

        var import = await Admin.PostAsync("/api/v1/import", JsonContent.Create(export, options: HttpAssertions.JsonOptions), Ct);
        await import.ReadJsonAsync(HttpStatusCode.OK);

        await AssertTotalAsync(total - 1);
    }

    private async Task AssertTotalAsync(int expected)
    {
        var (_, total, queries) = await ListAsync(MandateChanges);
        Assert.Equal((expected, Counted), (total, queries));
    }

    private async Task<(JsonObject Page, int Total, int Queries)> ListAsync(string url)
    {
        var response = await Anonymous.GetAsync(url, Ct);
        var page = await response.ReadJsonAsync(HttpStatusCode.OK);
        var queries = int.Parse(response.Headers.GetValues("X-Query-Count").Single(), System.Globalization.CultureInfo.InvariantCulture);
        return (page, page["totalCount"]!.GetValue<int>(), queries);
    }
}
