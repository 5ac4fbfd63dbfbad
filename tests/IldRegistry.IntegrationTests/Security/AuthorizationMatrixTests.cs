using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using IldRegistry.IntegrationTests.Infrastructure;

namespace IldRegistry.IntegrationTests.Security;

/// <summary>
/// OWASP API5 (broken function-level authorization): every write operation the OpenAPI document lists, called as
/// each kind of caller. The document's "Needs an Admin key." marks the Admin-only ones.
/// </summary>
public sealed class AuthorizationMatrixTests(RegistryApiFactory factory) : ApiTest(factory)
{
    [Fact]
    public async Task A_revoked_key_may_call_no_write_operation()
    {
        using var revoked = Factory.CreateJsonClient(RegistryApiFactory.RevokedKey);
        var operations = await WriteOperationsAsync();
        foreach (var operation in operations)
        {
            var response = await SendAsync(revoked, operation);
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{operation} answered {(int)response.StatusCode} to a revoked key");
            await response.ReadProblemAsync(HttpStatusCode.Unauthorized);
        }

        Assert.True(operations.Count >= 20, $"only {operations.Count} write operations found");
    }

    [Fact]
    public async Task An_editor_may_call_every_editor_operation_and_no_admin_only_operation()
    {
        foreach (var operation in await WriteOperationsAsync())
        {
            var response = await SendAsync(Client, operation);
            if (operation.AdminOnly)
            {
                Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{operation} answered {(int)response.StatusCode} to an Editor");
                await response.ReadProblemAsync(HttpStatusCode.Forbidden);
            }
            else
            {
                // Past authorization: the empty body or the unknown id is what it objects to, not the caller.
                Assert.True(response.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden), $"{operation} refused an Editor: {(int)response.StatusCode}");
                Assert.True((int)response.StatusCode < 500, $"{operation} answered {(int)response.StatusCode}");
            }
        }
    }

    [Fact]
    public async Task An_admin_may_call_every_write_operation()
    {
        foreach (var operation in await WriteOperationsAsync())
        {
            var response = await SendAsync(Admin, operation);
            Assert.True(response.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden), $"{operation} refused an Admin: {(int)response.StatusCode}");
            Assert.True((int)response.StatusCode < 500, $"{operation} answered {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task Every_write_operation_is_documented_as_needing_a_key()
    {
        foreach (var operation in await WriteOperationsAsync())
        {
            Assert.True(operation.Documented, $"{operation} does not say which key it needs");
        }
    }

    private sealed record Operation(string Method, string Path, bool AdminOnly, bool Documented)
    {
        public override string ToString() => $"{Method.ToUpperInvariant()} {Path}";
    }

    private async Task<List<Operation>> WriteOperationsAsync()
    {
        var document = await (await Anonymous.GetAsync("/swagger/v1/swagger.json", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        var operations = new List<Operation>();
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, node) in item!.AsObject())
            {
                if (method is "get" or "head" or "options" or "parameters")
                {
                    continue;
                }

                var description = node?["description"]?.GetValue<string>() ?? string.Empty;
                operations.Add(new Operation(
                    method,
                    path,
                    description.Contains("Needs an Admin key", StringComparison.Ordinal),
                    description.Contains("Needs an", StringComparison.Ordinal) && node?["security"] is JsonArray { Count: > 0 }));
            }
        }

        return operations;
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, Operation operation)
    {
        var url = operation.Path.Replace("{id}", Guid.NewGuid().ToString(), StringComparison.Ordinal).Replace("{idOrSlug}", "ild", StringComparison.Ordinal);
        var request = new HttpRequestMessage(new HttpMethod(operation.Method.ToUpperInvariant()), url)
        {
            Content = new StringContent("{}", new MediaTypeHeaderValue("application/json")),
        };
        return client.SendAsync(request, Ct);
    }
}
