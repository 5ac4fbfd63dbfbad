using System.Net;
using System.Text;
using IldRegistry.IntegrationTests.Infrastructure;
using IldRegistry.IntegrationTests.Reliability;

namespace IldRegistry.IntegrationTests.Performance;

/// <summary>Anonymous reads come from the output cache until a write empties it.</summary>
[Collection(HardeningCollection.Name)]
public sealed class OutputCacheTests(HardeningPostgres postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_cached_read_sends_no_query_and_a_write_empties_the_cache()
    {
        await using var factory = new OwnApiFactory(await postgres.CreateDatabaseAsync(), new Dictionary<string, string?>
        {
            ["OutputCache:Enabled"] = "true",
            ["Diagnostics:QueryCountHeader"] = "true",
        });
        using var anonymous = factory.CreateJsonClient();
        using var admin = factory.CreateJsonClient(OwnApiFactory.AdminKey);

        var first = await anonymous.GetAsync("/api/v1/departments/ild", Ct);
        var ild = await first.ReadJsonAsync(HttpStatusCode.OK);
        Assert.NotEqual("0", first.Headers.GetValues("X-Query-Count").Single());

        var cached = await anonymous.GetAsync("/api/v1/departments/ild", Ct);
        await cached.ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("0", cached.Headers.GetValues("X-Query-Count").Single());
        Assert.Equal(first.Headers.ETag, cached.Headers.ETag);

        // A caller with a key reads past the cache.
        var withKey = await admin.GetAsync("/api/v1/departments/ild", Ct);
        Assert.NotEqual("0", withKey.Headers.GetValues("X-Query-Count").Single());

        ild["headquarters"] = "Moved";
        foreach (var serverOwned in new[] { "id", "parent", "createdAt", "updatedAt" })
        {
            ild.Remove(serverOwned);
        }

        ild["parentId"] = (await (await anonymous.GetAsync("/api/v1/departments/ccp-central-committee", Ct)).ReadJsonAsync(HttpStatusCode.OK))["id"]!.GetValue<Guid>().ToString();
        var id = (await (await admin.GetAsync("/api/v1/departments/ild", Ct)).ReadJsonAsync(HttpStatusCode.OK))["id"]!.GetValue<Guid>();
        var put = await admin.PutCurrentAsync($"/api/v1/departments/{id}", new StringContent(ild.ToJsonString(), Encoding.UTF8, "application/json"), Ct);
        await put.ReadJsonAsync(HttpStatusCode.OK);

        var after = await anonymous.GetAsync("/api/v1/departments/ild", Ct);
        Assert.Equal("Moved", (await after.ReadJsonAsync(HttpStatusCode.OK))["headquarters"]!.GetValue<string>());
        Assert.NotEqual("0", after.Headers.GetValues("X-Query-Count").Single());
        Assert.NotEqual(first.Headers.ETag, after.Headers.ETag);
    }
}
