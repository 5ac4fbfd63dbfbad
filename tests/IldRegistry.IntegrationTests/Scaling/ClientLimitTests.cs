using System.Net;
using IldRegistry.IntegrationTests.Infrastructure;

namespace IldRegistry.IntegrationTests.Scaling;

/// <summary>Low limits: 20 anonymous requests per client at the proxy, 30 per client in each instance (the backstop).</summary>
public sealed class LimitedTopology : Topology
{
    public const int ProxyLimit = 20;
    public const int InstanceLimit = 30;

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["TOPOLOGY_ANON_LIMIT"] = ProxyLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["TOPOLOGY_LIMIT_EXEMPT"] = "127.0.0.5 127.0.0.7",
        ["TOPOLOGY_API_ENV"] = $"RateLimiting__AnonymousPermitLimit={InstanceLimit}",
    };
}

/// <summary>
/// A client has one limit however many instances serve it: the proxy counts per client address (or key) for all of
/// them, and each instance, told by the proxy who the client is, keeps its own limit per client as a backstop.
/// Clients are told apart by their source address (every 127.x.y.z is loopback).
/// </summary>
[Collection(TopologyCollection.Name)]
public sealed class ClientLimitTests(LimitedTopology topology) : IClassFixture<LimitedTopology>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_anonymous_client_gets_one_limit_across_both_instances_and_other_clients_are_unaffected()
    {
        using var first = Topology.Client(topology.Proxy, localAddress: "127.0.0.2");
        for (var i = 0; i < LimitedTopology.ProxyLimit; i++)
        {
            using var ok = await first.GetAsync("/api/v1/departments", Ct);
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        using var limited = await first.GetAsync("/api/v1/departments", Ct);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero);

        // Health probes are not the API.
        using var health = await first.GetAsync("/health/ready", Ct);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);

        using var second = Topology.Client(topology.Proxy, localAddress: "127.0.0.3");
        using var other = await second.GetAsync("/api/v1/departments", Ct);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);

        // The same address with an API key is counted as that key.
        using var withKey = Topology.Client(topology.Proxy, Topology.AdminKey, localAddress: "127.0.0.2");
        using var keyed = await withKey.GetAsync("/api/v1/departments", Ct);
        Assert.Equal(HttpStatusCode.OK, keyed.StatusCode);
    }

    [Fact]
    public async Task Behind_the_proxy_each_instance_limits_the_client_not_the_proxy()
    {
        // 127.0.0.5 and 127.0.0.7 are not limited at the proxy, so only the instances' own limits apply.
        using var heavy = Topology.Client(topology.Proxy, localAddress: "127.0.0.5");
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 2 * LimitedTopology.InstanceLimit + 10; i++)
        {
            using var response = await heavy.GetAsync("/api/v1/departments", Ct);
            answers.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                var problem = await response.ReadProblemAsync(HttpStatusCode.TooManyRequests);
                Assert.StartsWith("Request limit reached. Try again", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
            }
        }

        Assert.Equal(2 * LimitedTopology.InstanceLimit, answers.Count(a => a == HttpStatusCode.OK));
        Assert.Equal(10, answers.Count(a => a == HttpStatusCode.TooManyRequests));

        // Were the instances counting the proxy's address, this client would now be limited too.
        using var light = Topology.Client(topology.Proxy, localAddress: "127.0.0.7");
        for (var i = 0; i < 4; i++)
        {
            using var response = await light.GetAsync("/api/v1/departments", Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }
}
