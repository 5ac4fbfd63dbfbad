using IldRegistry.Api.Common;
using IldRegistry.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace IldRegistry.IntegrationTests.Security;

/// <summary>
/// Authorization for writes is set once, by convention: no endpoint that writes is left without a policy, although no
/// controller carries an [Editor] attribute.
/// </summary>
public sealed class WritesNeedAKeyByDefaultTests(RegistryApiFactory factory) : ApiTest(factory)
{
    private static readonly string[] Writes = ["POST", "PUT", "PATCH", "DELETE"];

    [Fact]
    public void Every_write_endpoint_has_an_authorization_policy_and_every_read_is_anonymous()
    {
        var endpoints = Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        // A POST that writes nothing (the reconciliation queries) says so, and says that anyone may send it.
        var queries = endpoints.Where(e => e.Metadata.GetMetadata<ReadOnlyPostAttribute>() is not null).ToList();
        Assert.NotEmpty(queries);
        Assert.All(queries, e => Assert.NotNull(e.Metadata.GetMetadata<IAllowAnonymous>()));
        var writes = endpoints.Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Any(Writes.Contains) == true)
            .Except(queries).ToList();

        Assert.True(writes.Count >= 20, $"only {writes.Count} write endpoints found");
        foreach (var endpoint in writes)
        {
            var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).ToList();
            Assert.True(policies.Count > 0, $"{endpoint.RoutePattern.RawText} ({endpoint.DisplayName}) has no authorization policy");
        }

        var reads = endpoints.Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.All(m => m is "GET" or "HEAD") == true);
        Assert.All(reads, e => Assert.Empty(e.Metadata.GetOrderedMetadata<IAuthorizeData>()));
    }

    [Fact]
    public void The_import_keeps_its_stricter_admin_policy()
    {
        var import = Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Single(e => e.RoutePattern.RawText == "api/v1/import");
        Assert.Equal(["Admin"], import.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy));
    }
}
