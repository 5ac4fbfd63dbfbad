using System.Net;
using System.Text;
using IldRegistry.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace IldRegistry.IntegrationTests.Security;

/// <summary>OWASP API8 (security misconfiguration) and API3 (mass assignment) on the shared test API.</summary>
public sealed class SecurityHeadersTests(RegistryApiFactory factory) : ApiTest(factory)
{
    [Theory]
    [InlineData("/api/v1/departments/ild", HttpStatusCode.OK)]
    [InlineData("/api/v1/departments/no-such-department", HttpStatusCode.NotFound)]
    [InlineData("/api/v1/nothing-here", HttpStatusCode.NotFound)]
    [InlineData("/health/ready", HttpStatusCode.OK)]
    public async Task Every_answer_carries_the_security_headers_and_no_server_header(string url, HttpStatusCode status)
    {
        var response = await Anonymous.GetAsync(url, Ct);
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
        Assert.Equal("default-src 'none'; frame-ancestors 'none'", Header(response, "Content-Security-Policy"));
        Assert.False(response.Headers.Contains("Server"));
    }

    [Fact]
    public async Task Swagger_ui_may_run_its_scripts_but_not_be_framed()
    {
        var response = await Anonymous.GetAsync("/swagger/index.html", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("frame-ancestors 'none'", Header(response, "Content-Security-Policy"));
    }

    [Fact]
    public async Task Https_answers_carry_hsts_outside_development()
    {
        using var https = Factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://registry.example") });
        var response = await https.GetAsync("/api/v1/departments/ild", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("max-age=31536000; includeSubDomains", Header(response, "Strict-Transport-Security"));
    }

    [Fact]
    public async Task No_origin_is_allowed_cross_origin_by_default()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/departments/ild");
        request.Headers.Add("Origin", "https://evil.example");
        var response = await Anonymous.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Theory]
    [InlineData("id", "\"00000000-0000-0000-0000-000000000001\"")]
    [InlineData("createdAt", "\"2020-01-01T00:00:00Z\"")]
    [InlineData("updatedAt", "\"2020-01-01T00:00:00Z\"")]
    [InlineData("deletedAt", "\"2020-01-01T00:00:00Z\"")]
    [InlineData("version", "1")]
    public async Task Server_owned_fields_in_a_request_are_refused(string field, string value)
    {
        var response = await Client.PostRawJsonAsync("/api/v1/departments", $$"""{"slug":"mass","name":"Mass assignment","{{field}}":{{value}}}""", Ct);
        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(field, problem.Errors().Keys);
        await (await Anonymous.GetAsync("/api/v1/departments/mass", Ct)).ReadProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_body_announced_larger_than_1_mb_is_413_before_it_is_read()
    {
        var json = "{\"slug\":\"big\",\"name\":\"" + new string('x', 1024 * 1024) + "\"}";
        var response = await Client.PostRawJsonAsync("/api/v1/departments", json, Ct);
        await response.ReadProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task A_streamed_body_without_a_length_is_cut_off_at_1_mb_with_413()
    {
        var json = Encoding.UTF8.GetBytes("{\"slug\":\"big\",\"name\":\"" + new string('x', 1024 * 1024) + "\"}");
        using var content = new StreamContent(new MemoryStream(json));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/departments") { Content = content };
        request.Headers.TransferEncodingChunked = true;
        var response = await Client.SendAsync(request, Ct);
        await response.ReadProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        await (await Anonymous.GetAsync("/api/v1/departments/big", Ct)).ReadProblemAsync(HttpStatusCode.NotFound);
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : null;
}
