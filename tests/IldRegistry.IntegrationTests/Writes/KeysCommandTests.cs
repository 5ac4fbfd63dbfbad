using System.Net;
using IldRegistry.Api.Common.Auth;
using IldRegistry.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace IldRegistry.IntegrationTests.Writes;

/// <summary><c>keys create|list|revoke</c> from the API's own command line, against the test database.</summary>
public sealed class KeysCommandTests(RegistryApiFactory factory) : ApiTest(factory)
{
    private async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        await using var scope = Factory.CreateScope(out var db);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await KeysCommand.RunAsync(["keys", .. args], db, TimeProvider.System, output, error, Ct);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task A_created_key_is_shown_once_works_and_stops_working_when_revoked()
    {
        var (code, output, _) = await RunAsync("create", "--name", "alice", "--role", "Editor");
        Assert.Equal(0, code);
        var key = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Last();
        Assert.StartsWith(ApiKeys.Prefix, key, StringComparison.Ordinal);
        Assert.True(key.Length >= 40);

        await using (Factory.CreateScope(out var db))
        {
            var stored = await db.ApiKeys.SingleAsync(k => k.Name == "alice", Ct);
            Assert.NotEqual(key, stored.Hash);
            Assert.DoesNotContain(key, stored.Hash, StringComparison.Ordinal);
        }

        using var alice = Factory.CreateJsonClient(key);
        await (await alice.PostJsonAsync("/api/v1/departments", new { slug = "by-alice", name = "By Alice" }, Ct)).ReadJsonAsync(HttpStatusCode.Created);
        var history = await (await alice.GetAsync("/api/v1/departments/by-alice", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        var audit = await (await alice.GetAsync($"/api/v1/departments/{history["id"]}/history", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("alice", audit["items"]![0]!["actor"]!.GetValue<string>());

        var list = await RunAsync("list");
        Assert.Contains("alice\tEditor", list.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(key, list.Output, StringComparison.Ordinal);

        Assert.Equal(0, (await RunAsync("revoke", "--name", "alice")).Code);
        Assert.Contains("revoked", (await RunAsync("list")).Output, StringComparison.Ordinal);
        await (await alice.PostJsonAsync("/api/v1/departments", new { slug = "after-revoke", name = "After" }, Ct)).ReadProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Two_keys_never_repeat()
    {
        var first = (await RunAsync("create", "--name", "one", "--role", "Admin")).Output;
        var second = (await RunAsync("create", "--name", "two", "--role", "Admin")).Output;
        Assert.NotEqual(first.Split('\n')[1], second.Split('\n')[1]);
    }

    [Theory]
    [InlineData("create", "--name", "x")]
    [InlineData("create", "--name", "x", "--role", "Overlord")]
    [InlineData("revoke")]
    [InlineData("rotate")]
    public async Task Bad_usage_prints_the_usage_and_fails(params string[] args)
    {
        var (code, _, error) = await RunAsync(args);
        Assert.NotEqual(0, code);
        Assert.Contains("usage", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_duplicate_name_or_an_unknown_revoke_fails_clearly()
    {
        Assert.Equal(0, (await RunAsync("create", "--name", "dup", "--role", "Editor")).Code);
        var duplicate = await RunAsync("create", "--name", "dup", "--role", "Editor");
        Assert.Equal(1, duplicate.Code);
        Assert.Contains("already exists", duplicate.Error, StringComparison.Ordinal);
        var unknown = await RunAsync("revoke", "--name", "nobody");
        Assert.Equal(1, unknown.Code);
        Assert.Contains("No key named", unknown.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_bootstrap_admin_key_from_configuration_works_as_admin()
    {
        using var factory = Factory.WithWebHostBuilder(b => b.UseSetting("Auth:BootstrapAdminKey", "bootstrap-test-key"));
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", "bootstrap-test-key");
        var response = await client.PostJsonAsync("/api/v1/departments", new { slug = "by-bootstrap", name = "By bootstrap" }, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }
}
