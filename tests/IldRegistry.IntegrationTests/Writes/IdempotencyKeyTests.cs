using System.Net;
using System.Text;
using IldRegistry.IntegrationTests.Infrastructure;

namespace IldRegistry.IntegrationTests.Writes;

/// <summary>A create sent again with the same <c>Idempotency-Key</c> answers the first result instead of writing twice.</summary>
public sealed class IdempotencyKeyTests(RegistryApiFactory factory) : ApiTest(factory)
{
    private const string Url = "/api/v1/people";

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string key, string name)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Url)
        {
            Content = new StringContent($$"""{ "name": "{{name}}" }""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Idempotency-Key", key);
        return await client.SendAsync(request, Ct);
    }

    private async Task<int> TotalAsync() =>
        (await (await Anonymous.GetAsync($"{Url}?pageSize=1", Ct)).ReadJsonAsync(HttpStatusCode.OK))["totalCount"]!.GetValue<int>();

    [Fact]
    public async Task A_retried_create_with_the_same_key_answers_the_first_result_and_writes_once()
    {
        var before = await TotalAsync();
        var key = Guid.NewGuid().ToString();

        var first = await PostAsync(Client, key, "Retried Person");
        var firstBody = await first.ReadJsonAsync(HttpStatusCode.Created);
        var again = await PostAsync(Client, key, "Retried Person");
        var againBody = await again.ReadJsonAsync(HttpStatusCode.Created);

        Assert.Equal(first.Headers.Location, again.Headers.Location);
        Assert.Equal(first.Headers.ETag, again.Headers.ETag);
        Assert.Equal(firstBody.ToJsonString(), againBody.ToJsonString());
        Assert.Equal("true", Assert.Single(again.Headers.GetValues("Idempotent-Replayed")));
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(before + 1, await TotalAsync());
    }

    [Fact]
    public async Task The_same_key_with_a_different_body_is_422_and_writes_nothing()
    {
        var key = Guid.NewGuid().ToString();
        await (await PostAsync(Client, key, "First Body")).ReadJsonAsync(HttpStatusCode.Created);
        var before = await TotalAsync();

        var problem = await (await PostAsync(Client, key, "Second Body")).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal("Idempotency-Key", problem["field"]!.GetValue<string>());
        Assert.Equal(before, await TotalAsync());
    }

    [Fact]
    public async Task Without_a_key_two_creates_write_two_records()
    {
        var before = await TotalAsync();
        await (await Client.PostJsonAsync(Url, new { name = "Twice Person" }, Ct)).ReadJsonAsync(HttpStatusCode.Created);
        await (await Client.PostJsonAsync(Url, new { name = "Twice Person" }, Ct)).ReadJsonAsync(HttpStatusCode.Created);
        Assert.Equal(before + 2, await TotalAsync());
    }

    [Fact]
    public async Task Keys_belong_to_their_api_key_so_another_caller_with_the_same_key_writes_its_own()
    {
        var before = await TotalAsync();
        var key = Guid.NewGuid().ToString();
        await (await PostAsync(Client, key, "Shared Key")).ReadJsonAsync(HttpStatusCode.Created);
        await (await PostAsync(Admin, key, "Shared Key")).ReadJsonAsync(HttpStatusCode.Created);
        Assert.Equal(before + 2, await TotalAsync());
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("é")]
    public async Task A_malformed_key_is_400_naming_the_header_and_writes_nothing(string key)
    {
        var before = await TotalAsync();
        var problem = await (await PostAsync(Client, key, "Malformed Key")).ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("Idempotency-Key", problem["field"]!.GetValue<string>());
        Assert.Equal(before, await TotalAsync());
    }

    [Fact]
    public async Task A_key_longer_than_255_characters_is_400()
    {
        await (await PostAsync(Client, new string('k', 256), "Long Key")).ReadProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_rejected_create_is_answered_the_same_way_again_and_writes_nothing()
    {
        var key = Guid.NewGuid().ToString();
        var before = await TotalAsync();
        var first = await (await PostAsync(Client, key, "")).ReadProblemAsync(HttpStatusCode.BadRequest);
        var again = await (await PostAsync(Client, key, "")).ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(first["errors"]!.ToJsonString(), again["errors"]!.ToJsonString());
        Assert.Equal(before, await TotalAsync());
    }
}
