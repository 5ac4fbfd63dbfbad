using System.Data.Common;
using System.Net;
using System.Net.Http.Json;
using IldRegistry.Data;
using IldRegistry.Data.Seed;
using IldRegistry.Domain.Common;
using IldRegistry.Domain.Events;
using IldRegistry.Domain.Institutions;
using IldRegistry.Domain.People;
using IldRegistry.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace IldRegistry.IntegrationTests.Events;

/// <summary>Delete, restore and history of events, and that a page's links are loaded in a fixed number of queries.</summary>
public sealed class EventLifecycleTests(RegistryApiFactory factory) : ApiTest(factory)
{
    private const string Url = "/api/v1/events";

    private async Task<(Guid Id, HttpResponseMessage Response)> CreateAsync(Guid? departmentId = null, string title = "Lifecycle event")
    {
        var response = await Client.PostJsonAsync(Url, EventsTests.NewEvent(departmentId: departmentId, title: title), Ct);
        var id = (await response.ReadJsonAsync(HttpStatusCode.Created))["id"]!.GetValue<Guid>();
        return (id, response);
    }

    [Fact]
    public async Task Delete_then_get_is_410_pointing_to_restore_and_lists_leave_it_out()
    {
        var (id, _) = await CreateAsync();

        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteCurrentAsync($"{Url}/{id}", Ct)).StatusCode);

        var gone = await (await Anonymous.GetAsync($"{Url}/{id}", Ct)).ReadProblemAsync(HttpStatusCode.Gone);
        Assert.Equal($"{Url}/{id}/restore", gone["restore"]!.GetValue<string>());
        var list = await (await Anonymous.GetAsync($"{Url}?pageSize=200", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(list["items"]!.AsArray(), i => i!["id"]!.GetValue<Guid>() == id);
        Assert.Equal(12, list["totalCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task Put_and_delete_of_a_deleted_event_are_410()
    {
        var (id, _) = await CreateAsync();
        await Client.DeleteCurrentAsync($"{Url}/{id}", Ct);

        await (await Client.PutCurrentAsync($"{Url}/{id}", EventsTests.NewEvent(), Ct)).ReadProblemAsync(HttpStatusCode.Gone);
        await (await Client.DeleteCurrentAsync($"{Url}/{id}", Ct)).ReadProblemAsync(HttpStatusCode.Gone);
    }

    [Fact]
    public async Task Delete_of_a_missing_event_is_404_and_needs_an_api_key()
    {
        await (await Client.DeleteCurrentAsync($"{Url}/{Guid.NewGuid()}", Ct)).ReadProblemAsync(HttpStatusCode.NotFound);
        await (await Anonymous.DeleteAsync($"{Url}/{SeedIds.For("event:ild:founding-1951")}", Ct)).ReadProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_seeded_event_with_links_can_be_deleted_since_nothing_depends_on_events()
    {
        var id = SeedIds.For("event:ild:caiu-1981");
        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteCurrentAsync($"{Url}/{id}", Ct)).StatusCode);
        await (await Anonymous.GetAsync($"{Url}/{id}", Ct)).ReadProblemAsync(HttpStatusCode.Gone);
    }

    [Fact]
    public async Task Delete_with_a_stale_if_match_is_412_and_deletes_nothing()
    {
        var (id, created) = await CreateAsync();
        await (await Client.PutCurrentAsync($"{Url}/{id}", EventsTests.NewEvent(title: "Changed"), Ct)).ReadJsonAsync(HttpStatusCode.OK);

        using var request = new HttpRequestMessage(HttpMethod.Delete, $"{Url}/{id}");
        request.Headers.IfMatch.Add(created.Headers.ETag!);
        await (await Client.SendAsync(request, Ct)).ReadProblemAsync(HttpStatusCode.PreconditionFailed);
        await (await Anonymous.GetAsync($"{Url}/{id}", Ct)).ReadJsonAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Delete_with_the_current_if_match_succeeds()
    {
        var (id, created) = await CreateAsync();
        using var request = new HttpRequestMessage(HttpMethod.Delete, $"{Url}/{id}");
        request.Headers.IfMatch.Add(created.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NoContent, (await Client.SendAsync(request, Ct)).StatusCode);
    }

    [Fact]
    public async Task Restore_brings_it_back_with_its_links()
    {
        var id = SeedIds.For("event:ild:nyerere-school-2022");
        await Client.DeleteCurrentAsync($"{Url}/{id}", Ct);

        var restored = await Client.PostAsync($"{Url}/{id}/restore", null, Ct);
        var body = await restored.ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("2022-02", body["date"]!.GetValue<string>());
        Assert.Equal("Julius Nyerere Leadership School", body["institutions"]![0]!["name"]!.GetValue<string>());
        Assert.NotNull(restored.Headers.ETag);
        await (await Anonymous.GetAsync($"{Url}/{id}", Ct)).ReadJsonAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Restore_of_a_live_event_changes_nothing()
    {
        var id = SeedIds.For("event:ild:founding-1951");
        var before = await Anonymous.GetAsync($"{Url}/{id}", Ct);
        var restored = await Client.PostAsync($"{Url}/{id}/restore", null, Ct);
        await restored.ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(before.Headers.ETag, restored.Headers.ETag);
    }

    [Fact]
    public async Task Restore_of_an_unknown_event_is_404()
    {
        await (await Client.PostAsync($"{Url}/{Guid.NewGuid()}/restore", null, Ct)).ReadProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Restore_is_refused_with_409_while_its_department_is_deleted()
    {
        var department = await (await Client.PostJsonAsync("/api/v1/departments", new { slug = "short-lived", name = "Short-lived" }, Ct)).ReadJsonAsync(HttpStatusCode.Created);
        var departmentId = department["id"]!.GetValue<Guid>();
        var (id, _) = await CreateAsync(departmentId);

        // The department cannot go while the event is live.
        await (await Client.DeleteCurrentAsync($"/api/v1/departments/{departmentId}", Ct)).ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteCurrentAsync($"{Url}/{id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteCurrentAsync($"/api/v1/departments/{departmentId}", Ct)).StatusCode);

        var problem = await (await Client.PostAsync($"{Url}/{id}/restore", null, Ct)).ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("departmentId", problem["field"]!.GetValue<string>());
        Assert.Contains("department", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        await (await Anonymous.GetAsync($"{Url}/{id}", Ct)).ReadProblemAsync(HttpStatusCode.Gone);

        // Once the department is back, so can the event be.
        await (await Client.PostAsync($"/api/v1/departments/{departmentId}/restore", null, Ct)).ReadJsonAsync(HttpStatusCode.OK);
        var restored = await (await Client.PostAsync($"{Url}/{id}/restore", null, Ct)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("short-lived", restored["department"]!["slug"]!.GetValue<string>());
    }

    [Fact]
    public async Task History_lists_create_update_delete_restore_newest_first_with_actor_and_changed_fields()
    {
        var (id, _) = await CreateAsync();
        await Client.PutCurrentAsync($"{Url}/{id}", EventsTests.NewEvent(title: "Renamed", kind: "Assessment"), Ct);
        await Client.DeleteCurrentAsync($"{Url}/{id}", Ct);
        await Admin.PostAsync($"{Url}/{id}/restore", null, Ct);

        var history = await (await Anonymous.GetAsync($"{Url}/{id}/history", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        var items = history["items"]!.AsArray();
        Assert.Equal(4, history["totalCount"]!.GetValue<int>());
        Assert.Equal(["Restored", "Deleted", "Updated", "Created"], items.Select(i => i!["action"]!.GetValue<string>()));
        Assert.Equal(["test-admin", "test-editor", "test-editor", "test-editor"], items.Select(i => i!["actor"]!.GetValue<string>()));
        Assert.All(items, i => Assert.Equal("HistoricalEvent", i!["entityType"]!.GetValue<string>()));
        var update = items[2]!;
        Assert.Equal("Lifecycle event", update["before"]!["title"]!.GetValue<string>());
        Assert.Equal("Renamed", update["after"]!["title"]!.GetValue<string>());
        Assert.Equal("Assessment", update["after"]!["kind"]!.GetValue<string>());
        Assert.Null(update["before"]!["departmentId"]);
        Assert.Null(items[3]!["before"]);
        Assert.Equal("Lifecycle event", items[3]!["after"]!["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task History_pages_and_is_404_for_an_unknown_event()
    {
        var (id, _) = await CreateAsync();
        await Client.PutCurrentAsync($"{Url}/{id}", EventsTests.NewEvent(title: "Renamed"), Ct);
        var page = await (await Anonymous.GetAsync($"{Url}/{id}/history?pageSize=1&page=2", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("Created", Assert.Single(page["items"]!.AsArray())!["action"]!.GetValue<string>());
        Assert.Equal(2, page["totalCount"]!.GetValue<int>());

        await (await Anonymous.GetAsync($"{Url}/{Guid.NewGuid()}/history", Ct)).ReadProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_failed_write_leaves_neither_a_change_nor_an_audit_row()
    {
        var (id, _) = await CreateAsync();
        await (await Client.PutCurrentAsync($"{Url}/{id}", EventsTests.NewEvent(title: "Clash", personIds: [Guid.NewGuid()]), Ct))
            .ReadProblemAsync(HttpStatusCode.BadRequest);

        var history = await (await Anonymous.GetAsync($"{Url}/{id}/history", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, history["totalCount"]!.GetValue<int>());
        var current = await (await Anonymous.GetAsync($"{Url}/{id}", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("Lifecycle event", current["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_page_of_many_events_with_links_embeds_every_link_correctly()
    {
        var (institutions, people) = await AddLinkedEventsAsync(150);

        var body = await (await Anonymous.GetAsync($"{Url}?department=ild&q=Bulk&pageSize=200", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        var items = body["items"]!.AsArray();
        Assert.Equal(150, items.Count);
        foreach (var item in items)
        {
            var n = int.Parse(item!["title"]!.GetValue<string>()["Bulk ".Length..], System.Globalization.CultureInfo.InvariantCulture);
            var expectedInstitutions = LinkedInstitutions(n).Select(i => institutions[i]).ToList();
            var expectedPeople = LinkedPeople(n).Select(i => people[i]).ToList();
            Assert.Equal(expectedInstitutions.Select(i => i.Id), item["institutionIds"]!.AsArray().Select(i => i!.GetValue<Guid>()));
            Assert.Equal(expectedInstitutions.Select(i => (i.Id, i.Name)), item["institutions"]!.AsArray().Select(i => (i!["id"]!.GetValue<Guid>(), i["name"]!.GetValue<string>())));
            Assert.Equal(expectedPeople.Select(p => (p.Id, p.Name)), item["people"]!.AsArray().Select(p => (p!["id"]!.GetValue<Guid>(), p["name"]!.GetValue<string>())));
        }
    }

    [Fact]
    public async Task Listing_takes_the_same_number_of_queries_for_one_event_as_for_two_hundred()
    {
        await AddLinkedEventsAsync(200);
        var counter = new CommandCounter();
        await using var counted = Factory.WithWebHostBuilder(builder => builder.ConfigureServices(services =>
            services.ConfigureDbContext<RegistryDbContext>(options => options.AddInterceptors(counter))));
        using var client = counted.CreateClient();

        async Task<int> CommandsFor(string query)
        {
            await client.GetAsync($"{Url}?{query}", Ct); // warm-up: model building, connection pool
            counter.Reset();
            var body = await (await client.GetAsync($"{Url}?{query}", Ct)).ReadJsonAsync(HttpStatusCode.OK);
            Assert.NotEmpty(body["items"]![0]!["institutions"]!.AsArray());
            Assert.NotEmpty(body["items"]![0]!["people"]!.AsArray());
            return counter.Count;
        }

        // Newest first, so that the single event of the small page ("Bulk 119") has links of both kinds.
        var one = await CommandsFor("q=Bulk&sort=-date&pageSize=1");
        var many = await CommandsFor("q=Bulk&sort=-date&pageSize=200");
        Assert.Equal(one, many);
        Assert.True(many <= 4, $"{many} queries for one page: count, events, institutions, people expected");
    }

    private static IEnumerable<int> LinkedInstitutions(int n) => n % 4 == 0 ? [] : [n % 7, (n + 3) % 7];

    private static IEnumerable<int> LinkedPeople(int n) => [n % 5];

    /// <summary>Adds <paramref name="count"/> events titled "Bulk n", each linking a couple of new institutions and a person.</summary>
    private async Task<(List<Institution> Institutions, List<Person> People)> AddLinkedEventsAsync(int count)
    {
        await using var scope = Factory.CreateScope(out var db);
        var institutions = Enumerable.Range(0, 7).Select(i => new Institution
        {
            DepartmentId = IldArticleSeed.IldId,
            Name = $"Bulk institution {i}",
            Kind = InstitutionKind.AffiliatedInstitution,
        }).ToList();
        var people = Enumerable.Range(0, 5).Select(i => new Person { Name = $"Bulk person {i}" }).ToList();
        db.Institutions.AddRange(institutions);
        db.People.AddRange(people);
        db.Events.AddRange(Enumerable.Range(0, count).Select(n => new HistoricalEvent
        {
            DepartmentId = IldArticleSeed.IldId,
            Date = PartialDate.Parse($"{1900 + (n % 120)}"),
            Title = $"Bulk {n}",
            Kind = EventKind.Other,
            InstitutionIds = [.. LinkedInstitutions(n).Select(i => institutions[i].Id)],
            PersonIds = [.. LinkedPeople(n).Select(i => people[i].Id)],
        }));
        await db.SaveChangesAsync(Ct);
        return (institutions, people);
    }

    private sealed class CommandCounter : DbCommandInterceptor
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public void Reset() => Interlocked.Exchange(ref _count, 0);

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _count);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _count);
            return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}
