using System.Net;
using System.Net.Http.Headers;
using IldRegistry.IntegrationTests.Infrastructure;

namespace IldRegistry.IntegrationTests.Writes;

public sealed class AuthorizationTests(RegistryApiFactory factory) : ApiTest(factory)
{
    private const string Url = "/api/v1/departments";

    [Fact]
    public async Task Reads_are_anonymous()
    {
        await (await Anonymous.GetAsync($"{Url}/ild", Ct)).ReadJsonAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_write_without_a_key_is_401_with_www_authenticate()
    {
        var response = await Anonymous.PostJsonAsync(Url, new { slug = "x", name = "X" }, Ct);
        await response.ReadProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("wrong-key")]
    [InlineData(RegistryApiFactory.RevokedKey)]
    public async Task A_wrong_or_revoked_key_is_401(string key)
    {
        using var client = Factory.CreateJsonClient(key);
        await (await client.PostJsonAsync(Url, new { slug = "x", name = "X" }, Ct)).ReadProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_key_is_accepted_in_x_api_key_too()
    {
        using var client = Factory.CreateJsonClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", RegistryApiFactory.EditorKey);
        await (await client.PostJsonAsync(Url, new { slug = "x", name = "X" }, Ct)).ReadJsonAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Editor_and_admin_may_write()
    {
        await (await Client.PostJsonAsync(Url, new { slug = "by-editor", name = "By editor" }, Ct)).ReadJsonAsync(HttpStatusCode.Created);
        await (await Admin.PostJsonAsync(Url, new { slug = "by-admin", name = "By admin" }, Ct)).ReadJsonAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Every_write_operation_in_the_openapi_document_refuses_anonymous_callers()
    {
        var document = await (await Anonymous.GetAsync("/swagger/v1/swagger.json", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        var writes = 0;
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, _) in item!.AsObject())
            {
                if (method is "get" or "parameters")
                {
                    continue;
                }

                var url = path.Replace("{id}", Guid.NewGuid().ToString(), StringComparison.Ordinal).Replace("{idOrSlug}", "ild", StringComparison.Ordinal);
                using var request = new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), url)
                {
                    Content = new StringContent("{}", new MediaTypeHeaderValue("application/json")),
                };
                var response = await Anonymous.SendAsync(request, Ct);
                Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} {path} answered {(int)response.StatusCode}");
                writes++;
            }
        }

        Assert.True(writes >= 4);
    }
}
