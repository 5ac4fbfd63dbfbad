using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using IldRegistry.IntegrationTests.Infrastructure;

namespace IldRegistry.IntegrationTests.Bureaus;

/// <summary>What the bureau tests share: request bodies, creation and write helpers.</summary>
public abstract class BureauTestBase(RegistryApiFactory factory) : ApiTest(factory)
{
    protected const string Url = "/api/v1/bureaus";
    protected const string CpsuSlug = "cpsu-international-department";

    protected async Task<Guid> DepartmentIdAsync(string slug = "ild") =>
        (await (await Client.GetAsync($"/api/v1/departments/{slug}", Ct)).ReadJsonAsync(HttpStatusCode.OK))["id"]!.GetValue<Guid>();

    /// <summary>The id of a seeded bureau of the ILD, found by its name.</summary>
    protected async Task<Guid> SeededIdAsync(string name)
    {
        var list = await (await Client.GetAsync($"{Url}?department=ild&pageSize=50", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        return list["items"]!.AsArray().Single(i => i!["name"]!.GetValue<string>() == name)!["id"]!.GetValue<Guid>();
    }

    protected static JsonObject NewBureau(
        Guid departmentId,
        string name = "Test Bureau",
        string kind = "FunctionalBureau",
        int? number = null,
        Guid? parentBureauId = null,
        int sortOrder = 100) => new()
        {
            ["departmentId"] = departmentId.ToString(),
            ["name"] = name,
            ["alternateName"] = $"{name} (alternate)",
            ["kind"] = kind,
            ["number"] = number,
            ["region"] = number is null ? null : "Oceania",
            ["parentBureauId"] = parentBureauId?.ToString(),
            ["sortOrder"] = sortOrder,
            ["sources"] = new JsonArray(new JsonObject
            {
                ["title"] = "A source",
                ["url"] = "https://example.org/source",
                ["publisher"] = "Example",
                ["language"] = "en",
            }),
        };

    protected Task<HttpResponseMessage> PostAsync(JsonNode body) =>
        Client.PostRawJsonAsync(Url, body.ToJsonString(), Ct);

    /// <summary>Creates a bureau and returns its body and response (for the ETag).</summary>
    protected async Task<(JsonObject Body, HttpResponseMessage Response)> CreateAsync(JsonObject body)
    {
        var response = await PostAsync(body);
        return (await response.ReadJsonAsync(HttpStatusCode.Created), response);
    }

    protected async Task<Guid> CreateIdAsync(JsonObject body) => (await CreateAsync(body)).Body["id"]!.GetValue<Guid>();

    protected async Task<HttpResponseMessage> PutAsync(Guid id, JsonNode body, EntityTagHeaderValue? ifMatch = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"{Url}/{id}")
        {
            Content = new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json"),
        };
        // Without an explicit one, the ETag of a fresh read (see ConditionalWrites).
        ifMatch ??= (await Client.GetAsync(request.RequestUri, Ct)).Headers.ETag;
        if (ifMatch is not null)
        {
            request.Headers.IfMatch.Add(ifMatch);
        }

        return await Client.SendAsync(request, Ct);
    }

    protected async Task<JsonObject> ListAsync(string query) =>
        await (await Client.GetAsync($"{Url}?{query}", Ct)).ReadJsonAsync(HttpStatusCode.OK);

    protected static List<string> Names(JsonObject page) =>
        [.. page["items"]!.AsArray().Select(i => i!["name"]!.GetValue<string>())];
}
