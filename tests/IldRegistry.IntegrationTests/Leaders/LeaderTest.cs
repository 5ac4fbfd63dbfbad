using System.Net;
using System.Text.Json.Nodes;
using IldRegistry.Data.Seed;
using IldRegistry.Domain.People;
using IldRegistry.IntegrationTests.Infrastructure;

namespace IldRegistry.IntegrationTests.Leaders;

/// <summary>What the leader tests share: the seeded ids and ways to arrange departments, people and posts.</summary>
public abstract class LeaderTest(RegistryApiFactory factory) : ApiTest(factory)
{
    protected const string Url = "/api/v1/leaders";

    /// <summary>The seven posts of the ILD's infobox, in rank order.</summary>
    protected static readonly string[] SeedNames = ["Liu Haixing", "Shen Ying", "Chen Zhou", "Li Mingxiang", "Sun Haiyan", "Lu Kang", "Ma Hui"];

    protected static Guid IldId => IldArticleSeed.IldId;

    protected static Guid LuKangId => SeedIds.For("person:lu-kang");

    protected static object Post(Guid departmentId, Guid personId, string title = "Head", int rank = 1, string? start = null, string? end = null) => new
    {
        departmentId,
        personId,
        title,
        rank,
        start,
        end,
        sources = new[] { new { title = "A source", url = "https://example.org/source", language = "en" } },
    };

    protected async Task<Guid> CreateDepartmentAsync(string slug = "test-department")
    {
        var response = await Client.PostJsonAsync("/api/v1/departments", new { slug, name = $"Department {slug}" }, Ct);
        return (await response.ReadJsonAsync(HttpStatusCode.Created))["id"]!.GetValue<Guid>();
    }

    /// <summary>Arranged in the database: quicker than <c>POST /people</c>, and a deleted person in one step.</summary>
    protected async Task<Guid> CreatePersonAsync(string name = "Test Person", string? nativeName = null, bool deleted = false)
    {
        await using var scope = Factory.CreateScope(out var db);
        var person = new Person { Name = name, NativeName = nativeName, DeletedAt = deleted ? DateTimeOffset.UtcNow : null };
        db.People.Add(person);
        await db.SaveChangesAsync(Ct);
        return person.Id;
    }

    protected async Task DeletePersonAsync(Guid id)
    {
        await using var scope = Factory.CreateScope(out var db);
        var person = await db.People.FindAsync([id], Ct);
        person!.DeletedAt = DateTimeOffset.UtcNow;
        await db.SaveChangesAsync(Ct);
    }

    protected async Task<(JsonObject Body, HttpResponseMessage Response)> CreatePostAsync(object post)
    {
        var response = await Client.PostJsonAsync(Url, post, Ct);
        return (await response.ReadJsonAsync(HttpStatusCode.Created), response);
    }

    protected async Task<Guid> CreatePostIdAsync(object post) => (await CreatePostAsync(post)).Body["id"]!.GetValue<Guid>();

    protected async Task<JsonArray> ItemsAsync(string query)
    {
        var body = await (await Client.GetAsync($"{Url}?pageSize=200&{query}", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        return body["items"]!.AsArray();
    }

    protected static List<string> Names(JsonArray items) => [.. items.Select(i => i!["person"]!["name"]!.GetValue<string>())];

    protected static List<Guid> Ids(JsonArray items) => [.. items.Select(i => i!["id"]!.GetValue<Guid>())];
}
