using System.Net;
using IldRegistry.Domain.Common;
using IldRegistry.Domain.Leaders;
using IldRegistry.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace IldRegistry.IntegrationTests.People;

/// <summary>Arranging people and their posts (posts straight in the database: quicker than <c>POST /leaders</c>).</summary>
internal static class PeopleTestData
{
    public const string Url = "/api/v1/people";

    public const string ArticleUrl = "https://en.wikipedia.org/wiki/International_Department_of_the_Chinese_Communist_Party";

    public static object NewPerson(string name = "Test Person", string? nativeName = "测试人") => new
    {
        name,
        nativeName,
        romanizedName = "Cèshì Rén",
        otherNames = new[] { new { name = "T. Person", lang = "en", kind = "Alternative" } },
        identifiers = new[] { new { scheme = "wikidata", value = "Q1" } },
        notes = "A person made by a test.",
        sources = new[] { new { title = "A source", url = "https://example.org/source", publisher = "Example", language = "en" } },
    };

    public static async Task<Guid> CreatePersonAsync(this HttpClient client, string name, CancellationToken ct, string? nativeName = null)
    {
        var response = await client.PostJsonAsync(Url, NewPerson(name, nativeName), ct);
        return (await response.ReadJsonAsync(HttpStatusCode.Created))["id"]!.GetValue<Guid>();
    }

    public static async Task<Guid> IdOfPersonAsync(this HttpClient client, string name, CancellationToken ct)
    {
        var list = await (await client.GetAsync($"{Url}?q={Uri.EscapeDataString(name)}", ct)).ReadJsonAsync(HttpStatusCode.OK);
        return list["items"]!.AsArray().Single(i => i!["name"]!.GetValue<string>() == name)!["id"]!.GetValue<Guid>();
    }

    public static async Task<Guid> IdOfDepartmentAsync(this HttpClient client, string slug, CancellationToken ct) =>
        (await (await client.GetAsync($"/api/v1/departments/{slug}", ct)).ReadJsonAsync(HttpStatusCode.OK))["id"]!.GetValue<Guid>();

    public static async Task<Guid> AddPostAsync(
        this RegistryApiFactory factory, Guid personId, Guid departmentId, string title, int rank, string? start = null, string? end = null)
    {
        await using var scope = factory.CreateScope(out var db);
        var leader = new Leader
        {
            PersonId = personId,
            DepartmentId = departmentId,
            Title = title,
            Rank = rank,
            Start = start is null ? null : PartialDate.Parse(start),
            End = end is null ? null : PartialDate.Parse(end),
        };
        db.Leaders.Add(leader);
        await db.SaveChangesAsync();
        return leader.Id;
    }

    public static async Task DeletePostsOfAsync(this RegistryApiFactory factory, Guid personId)
    {
        await using var scope = factory.CreateScope(out var db);
        foreach (var leader in await db.Leaders.Where(l => l.PersonId == personId).ToListAsync())
        {
            leader.DeletedAt = DateTimeOffset.UtcNow;
        }

        await db.SaveChangesAsync();
    }
}
