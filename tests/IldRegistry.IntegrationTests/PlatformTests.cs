using System.Net;
using System.Text.Json.Nodes;
using IldRegistry.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace IldRegistry.IntegrationTests;

public sealed class PlatformTests(RegistryApiFactory factory) : ApiTest(factory)
{
    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_endpoints_answer_healthy(string url)
    {
        var response = await Client.GetAsync(url, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Root_redirects_to_swagger_ui()
    {
        var response = await Client.GetAsync("/", Ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/swagger", response.Headers.Location!.OriginalString);
        var ui = await Client.GetAsync("/swagger/index.html", Ct);
        Assert.Equal(HttpStatusCode.OK, ui.StatusCode);
    }

    [Fact]
    public async Task OpenApi_document_describes_the_departments_operations()
    {
        var response = await Client.GetAsync("/swagger/v1/swagger.json", Ct);
        var document = await response.ReadJsonAsync(HttpStatusCode.OK);

        // .ci/run lints the document this run served.
        if (Environment.GetEnvironmentVariable("ILDREGISTRY_OPENAPI_OUT") is { Length: > 0 } path)
        {
            await File.WriteAllTextAsync(path, document.ToJsonString(), Ct);
        }

        Assert.StartsWith("3.", document["openapi"]!.GetValue<string>(), StringComparison.Ordinal);
        var paths = document["paths"]!.AsObject();
        Assert.NotNull(paths["/api/v1/departments"]!["get"]);
        Assert.NotNull(paths["/api/v1/departments"]!["post"]);
        Assert.NotNull(paths["/api/v1/departments/{id}"]!["get"]);
        Assert.NotNull(paths["/api/v1/departments/{id}"]!["put"]);
        foreach (var (_, item) in paths)
        {
            foreach (var (_, operation) in item!.AsObject())
            {
                Assert.False(string.IsNullOrEmpty(operation!["summary"]?.GetValue<string>()));
            }
        }

        var partialDate = document["components"]!["schemas"]!.AsObject()
            .Select(s => s.Value!["properties"]?["established"])
            .First(p => p is not null)!;
        Assert.Equal("string", FirstType(partialDate));
    }

    [Fact]
    public async Task Unknown_routes_are_404_problem_details()
    {
        await (await Client.GetAsync("/api/v1/nothing-here", Ct)).ReadProblemAsync(HttpStatusCode.NotFound);
    }

    private static string? FirstType(JsonNode schema)
    {
        var type = schema["type"];
        if (type is JsonValue value)
        {
            return value.GetValue<string>();
        }

        if (type is JsonArray array)
        {
            return array.Select(t => t!.GetValue<string>()).First(t => t != "null");
        }

        var reference = schema["$ref"] ?? schema["allOf"]?[0]?["$ref"] ?? schema["oneOf"]?[0]?["$ref"];
        return reference is null ? null : "ref:" + reference.GetValue<string>();
    }
}

public sealed class ValidatorLifetimeTests(RegistryApiFactory factory) : ApiTest(factory)
{
    // A validator is built once: it builds its rules in its constructor, which per request was a measurable part of a
    // search's CPU (bench/README.md). Two requests' scopes get the same instance, and it still answers bad input.
    [Fact]
    public async Task Validators_are_built_once_and_still_reject_bad_input()
    {
        await using var first = Factory.Services.CreateAsyncScope();
        await using var second = Factory.Services.CreateAsyncScope();
        var validator = first.ServiceProvider.GetRequiredService<FluentValidation.IValidator<IldRegistry.Api.Features.Search.SearchQuery>>();
        Assert.Same(validator, second.ServiceProvider.GetRequiredService<FluentValidation.IValidator<IldRegistry.Api.Features.Search.SearchQuery>>());

        var problem = await (await Anonymous.GetAsync("/api/v1/search?q=", Ct)).ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem["errors"]!.AsObject().ContainsKey("q"));
        await (await Anonymous.GetAsync("/api/v1/search?q=lu%20kang", Ct)).ReadJsonAsync(HttpStatusCode.OK);
    }
}
