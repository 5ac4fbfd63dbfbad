using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IldRegistry.IntegrationTests.Infrastructure;
using static IldRegistry.IntegrationTests.People.PeopleTestData;

namespace IldRegistry.IntegrationTests.People;

public sealed class PeopleTests(RegistryApiFactory factory) : ApiTest(factory)
{
    [Fact]
    public async Task Get_shows_lu_kang_as_deputy_head_of_the_ild_with_an_etag()
    {
        var id = await Anonymous.IdOfPersonAsync("Lu Kang", Ct);
        var response = await Anonymous.GetAsync($"{Url}/{id}", Ct);
        var person = await response.ReadJsonAsync(HttpStatusCode.OK);

        Assert.NotNull(response.Headers.ETag);
        Assert.Equal(id, person["id"]!.GetValue<Guid>());
        Assert.Equal("Lu Kang", person["name"]!.GetValue<string>());
        Assert.Equal(ArticleUrl, Assert.Single(person["sources"]!.AsArray())!["url"]!.GetValue<string>());
        var post = Assert.Single(person["posts"]!.AsArray())!;
        Assert.Equal("Deputy Head", post["title"]!.GetValue<string>());
        Assert.Equal(6, post["rank"]!.GetValue<int>());
        Assert.Equal("ild", post["department"]!["slug"]!.GetValue<string>());
        Assert.Equal("International Department of the Chinese Communist Party", post["department"]!["name"]!.GetValue<string>());
        Assert.Equal(await Anonymous.IdOfDepartmentAsync("ild", Ct), post["department"]!["id"]!.GetValue<Guid>());
        Assert.Null(post["start"]);
        Assert.Null(post["end"]);
        Assert.False(person.ContainsKey("version"));
        Assert.False(person.ContainsKey("deletedAt"));

        // The post's leaderId is the seeded leader record of Lu Kang.
        await using var scope = Factory.CreateScope(out var db);
        Assert.Equal(db.Leaders.Single(l => l.PersonId == id).Id, post["leaderId"]!.GetValue<Guid>());
    }

    [Fact]
    public async Task Get_orders_posts_by_start_then_rank()
    {
        var ild = await Client.IdOfDepartmentAsync("ild", Ct);
        var cpsu = await Client.IdOfDepartmentAsync("cpsu-international-department", Ct);
        var id = await Client.CreatePersonAsync("Many Posts", Ct);
        await Factory.AddPostAsync(id, ild, "Head", 1, "2010", null);
        await Factory.AddPostAsync(id, cpsu, "Adviser", 3, "1990-05", "1995");
        await Factory.AddPostAsync(id, ild, "Deputy Head", 2, "2010", "2010");
        await Factory.AddPostAsync(id, cpsu, "Secretary", 9, "198X", "1990");

        var person = await (await Anonymous.GetAsync($"{Url}/{id}", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        var posts = person["posts"]!.AsArray();

        Assert.Equal(["Secretary", "Adviser", "Head", "Deputy Head"], posts.Select(p => p!["title"]!.GetValue<string>()));
        Assert.Equal(["198X", "1990-05", "2010", "2010"], posts.Select(p => p!["start"]!.GetValue<string>()));
        Assert.Null(posts[2]!["end"]);
        Assert.Equal("1995", posts[1]!["end"]!.GetValue<string>());
        Assert.Equal("cpsu-international-department", posts[0]!["department"]!["slug"]!.GetValue<string>());
    }

    [Fact]
    public async Task Get_loads_posts_with_a_fixed_number_of_queries()
    {
        var ild = await Client.IdOfDepartmentAsync("ild", Ct);
        var cpsu = await Client.IdOfDepartmentAsync("cpsu-international-department", Ct);
        var onePost = await Client.IdOfPersonAsync("Lu Kang", Ct);
        var fivePosts = await Client.IdOfPersonAsync("Ma Hui", Ct);
        for (var i = 0; i < 4; i++)
        {
            await Factory.AddPostAsync(fivePosts, i % 2 == 0 ? ild : cpsu, $"Post {i}", 10 + i, $"200{i}");
        }

        var forOne = await CountQueriesAsync($"{Url}/{onePost}", 1);
        var forFive = await CountQueriesAsync($"{Url}/{fivePosts}", 5);

        Assert.Equal(forOne, forFive);
        Assert.Equal(3, forFive); // the person, the posts, the person's names and sources
    }

    [Fact]
    public async Task If_none_match_with_an_old_etag_answers_200()
    {
        var id = await Client.CreatePersonAsync("Changing", Ct);
        var first = await Client.GetAsync($"{Url}/{id}", Ct);
        await (await Client.PutCurrentAsync($"{Url}/{id}", NewPerson("Changed"), Ct)).ReadJsonAsync(HttpStatusCode.OK);

        using var conditional = new HttpRequestMessage(HttpMethod.Get, $"{Url}/{id}");
        conditional.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        var response = await Client.SendAsync(conditional, Ct);
        Assert.Equal("Changed", (await response.ReadJsonAsync(HttpStatusCode.OK))["name"]!.GetValue<string>());
        Assert.NotEqual(first.Headers.ETag, response.Headers.ETag);
    }

    [Fact]
    public async Task Get_of_a_missing_person_is_404_problem_details()
    {
        var id = Guid.NewGuid();
        var problem = await (await Anonymous.GetAsync($"{Url}/{id}", Ct)).ReadProblemAsync(HttpStatusCode.NotFound);
        Assert.Contains(id.ToString(), problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_creates_with_location_and_etag()
    {
        var response = await Client.PostJsonAsync(Url, NewPerson(), Ct);
        var created = await response.ReadJsonAsync(HttpStatusCode.Created);

        Assert.NotNull(response.Headers.ETag);
        var id = created["id"]!.GetValue<Guid>();
        Assert.Equal($"http://localhost{Url}/{id}", response.Headers.Location!.ToString());
        Assert.Equal("Test Person", created["name"]!.GetValue<string>());
        Assert.Equal("测试人", created["nativeName"]!.GetValue<string>());
        Assert.Equal("Cèshì Rén", created["romanizedName"]!.GetValue<string>());
        Assert.Equal("Alternative", created["otherNames"]![0]!["kind"]!.GetValue<string>());
        Assert.Equal("wikidata", created["identifiers"]![0]!["scheme"]!.GetValue<string>());
        Assert.Equal("A person made by a test.", created["notes"]!.GetValue<string>());
        Assert.Equal("https://example.org/source", created["sources"]![0]!["url"]!.GetValue<string>());
        Assert.Empty(created["posts"]!.AsArray());

        var fetch = await Anonymous.GetAsync(response.Headers.Location, Ct);
        var fetched = await fetch.ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(response.Headers.ETag, fetch.Headers.ETag);
        Assert.Equal(created.ToJsonString(), fetched.ToJsonString());
    }

    [Fact]
    public async Task Post_with_only_a_name_is_enough()
    {
        var created = await (await Client.PostRawJsonAsync(Url, """{"name":"Just A Name"}""", Ct)).ReadJsonAsync(HttpStatusCode.Created);
        Assert.Empty(created["otherNames"]!.AsArray());
        Assert.Empty(created["identifiers"]!.AsArray());
        Assert.Empty(created["sources"]!.AsArray());
        Assert.Null(created["nativeName"]);
    }

    [Fact]
    public async Task Post_without_a_key_is_401()
    {
        await (await Anonymous.PostJsonAsync(Url, NewPerson(), Ct)).ReadProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("""{"name":""}""", "name")]
    [InlineData("""{"nativeName":"无名"}""", "name")]
    [InlineData("""{"name":"   "}""", "name")]
    [InlineData("""{"name":"N","otherNames":null}""", "otherNames")]
    [InlineData("""{"name":"N","identifiers":null}""", "identifiers")]
    [InlineData("""{"name":"N","sources":null}""", "sources")]
    [InlineData("""{"name":"N","otherNames":[{"name":"","lang":"en","kind":"Alternative"}]}""", "otherNames[0].name")]
    [InlineData("""{"name":"N","otherNames":[{"name":"x","lang":"not a tag","kind":"Alternative"}]}""", "otherNames[0].lang")]
    [InlineData("""{"name":"N","otherNames":[{"name":"x","lang":"en","kind":"Alternative","start":"2020","end":"2010"}]}""", "otherNames[0].end")]
    [InlineData("""{"name":"N","otherNames":[{"name":"x","lang":"en","kind":"Alternative","start":"spring"}]}""", "otherNames[0].start")]
    [InlineData("""{"name":"N","otherNames":[{"name":"x","lang":"en","kind":"Nickname"}]}""", "otherNames[0].kind")]
    [InlineData("""{"name":"N","identifiers":[{"scheme":"Wiki Data","value":"Q1"}]}""", "identifiers[0].scheme")]
    [InlineData("""{"name":"N","identifiers":[{"scheme":"wikidata","value":""}]}""", "identifiers[0].value")]
    [InlineData("""{"name":"N","sources":[{"title":""}]}""", "sources[0].title")]
    [InlineData("""{"name":"N","sources":[{"title":"T","url":"ftp://example.org/x"}]}""", "sources[0].url")]
    [InlineData("""{"name":"N","sources":[{"title":"T","url":"/relative"}]}""", "sources[0].url")]
    [InlineData("""{"name":"N","sources":[{"title":"T","language":"english!"}]}""", "sources[0].language")]
    [InlineData("""{"name":"N","sources":[{"title":"T","retrievedOn":"yesterday"}]}""", "sources[0].retrievedOn")]
    [InlineData("""{"name":"N","colour":"red"}""", "colour")]
    [InlineData("""{"name":"N","id":"0197a6d4-0000-7000-8000-000000000000"}""", "id")]
    [InlineData("""{"name":"N","createdAt":"2020-01-01T00:00:00Z"}""", "createdAt")]
    [InlineData("""{"name":"N","posts":[]}""", "posts")]
    [InlineData("""{"name":42}""", "name")]
    public async Task Post_with_a_bad_field_is_400_naming_it_and_writes_nothing(string json, string field)
    {
        var problem = await (await Client.PostRawJsonAsync(Url, json, Ct)).ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(field, problem.Errors().Keys);
        await AssertPeopleCountAsync(7);
    }

    [Theory]
    [InlineData("name", 300)]
    [InlineData("nativeName", 300)]
    [InlineData("romanizedName", 300)]
    [InlineData("notes", 4000)]
    public async Task Text_fields_accept_their_maximum_length_and_reject_one_more(string field, int max)
    {
        var ok = new JsonObject { ["name"] = "N", [field] = new string('x', max) };
        await (await Client.PostJsonAsync(Url, ok, Ct)).ReadJsonAsync(HttpStatusCode.Created);

        var tooLong = new JsonObject { ["name"] = "N", [field] = new string('x', max + 1) };
        var problem = await (await Client.PostJsonAsync(Url, tooLong, Ct)).ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(field, problem.Errors().Keys);
        await AssertPeopleCountAsync(8);
    }

    [Fact]
    public async Task Post_with_several_bad_fields_names_each()
    {
        var response = await Client.PostJsonAsync(Url, new
        {
            name = "",
            nativeName = new string('x', 301),
            notes = new string('x', 4001),
            otherNames = new[] { new { name = "X", lang = "not a tag", kind = "Abbreviation" } },
            identifiers = new[] { new { scheme = "", value = "Q1" } },
            sources = new[] { new { title = "", url = "ftp://example.org/x" } },
        }, Ct);
        var errors = (await response.ReadProblemAsync(HttpStatusCode.BadRequest)).Errors();

        Assert.Equal(
            ["identifiers[0].scheme", "name", "nativeName", "notes", "otherNames[0].lang", "sources[0].title", "sources[0].url"],
            errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Put_replaces_every_field_keeps_the_posts_and_changes_the_etag()
    {
        var id = await Client.IdOfPersonAsync("Lu Kang", Ct);
        var read = await Client.GetAsync($"{Url}/{id}", Ct);
        await read.ReadJsonAsync(HttpStatusCode.OK);

        using var put = new HttpRequestMessage(HttpMethod.Put, $"{Url}/{id}")
        {
            Content = JsonContent.Create(new { name = "Lu Kang", nativeName = "陆慷", romanizedName = "Lù Kāng" }, options: HttpAssertions.JsonOptions),
        };
        put.Headers.IfMatch.Add(read.Headers.ETag!);
        var replaced = await Client.SendAsync(put, Ct);
        var body = await replaced.ReadJsonAsync(HttpStatusCode.OK);

        Assert.NotEqual(read.Headers.ETag, replaced.Headers.ETag);
        Assert.Equal("陆慷", body["nativeName"]!.GetValue<string>());
        Assert.Equal("Lù Kāng", body["romanizedName"]!.GetValue<string>());
        Assert.Null(body["notes"]);
        Assert.Empty(body["sources"]!.AsArray());
        Assert.Equal("Deputy Head", Assert.Single(body["posts"]!.AsArray())!["title"]!.GetValue<string>());

        var fetch = await Anonymous.GetAsync($"{Url}/{id}", Ct);
        Assert.Equal(body.ToJsonString(), (await fetch.ReadJsonAsync(HttpStatusCode.OK)).ToJsonString());
        Assert.Equal(replaced.Headers.ETag, fetch.Headers.ETag);
        Assert.Equal(["Lu Kang"], (await (await Anonymous.GetAsync($"{Url}?q=陆慷", Ct)).ReadJsonAsync(HttpStatusCode.OK))["items"]!.AsArray().Select(i => i!["name"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Put_with_a_stale_if_match_is_412_and_changes_nothing()
    {
        var created = await Client.PostJsonAsync(Url, NewPerson(), Ct);
        var id = (await created.ReadJsonAsync(HttpStatusCode.Created))["id"]!.GetValue<Guid>();
        var first = await Client.PutCurrentAsync($"{Url}/{id}", NewPerson("First Edit"), Ct);
        await first.ReadJsonAsync(HttpStatusCode.OK);

        using var stale = new HttpRequestMessage(HttpMethod.Put, $"{Url}/{id}") { Content = JsonContent.Create(NewPerson("Lost Edit"), options: HttpAssertions.JsonOptions) };
        stale.Headers.IfMatch.Add(created.Headers.ETag!);
        var problem = await (await Client.SendAsync(stale, Ct)).ReadProblemAsync(HttpStatusCode.PreconditionFailed);

        // Exactly the ETag header a GET answers, hash part included.
        Assert.Equal(first.Headers.ETag!.Tag, problem["currentETag"]!.GetValue<string>());
        var fetched = await (await Client.GetAsync($"{Url}/{id}", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("First Edit", fetched["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Put_with_an_if_match_that_is_no_etag_of_the_record_is_412_and_an_unquoted_one_400()
    {
        // A well-formed tag that is not the current one is a failed precondition (RFC 9110 §13.1.1), not a 400.
        var id = await Client.CreatePersonAsync("Someone", Ct);
        using var put = new HttpRequestMessage(HttpMethod.Put, $"{Url}/{id}") { Content = JsonContent.Create(NewPerson(), options: HttpAssertions.JsonOptions) };
        put.Headers.TryAddWithoutValidation("If-Match", "\"not-a-version\"");
        await (await Client.SendAsync(put, Ct)).ReadProblemAsync(HttpStatusCode.PreconditionFailed);

        using var unquoted = new HttpRequestMessage(HttpMethod.Put, $"{Url}/{id}") { Content = JsonContent.Create(NewPerson(), options: HttpAssertions.JsonOptions) };
        unquoted.Headers.TryAddWithoutValidation("If-Match", "not-quoted");
        var problem = await (await Client.SendAsync(unquoted, Ct)).ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("If-Match", problem.Errors().Keys);
    }

    [Fact]
    public async Task Put_with_a_bad_field_is_400_and_changes_nothing()
    {
        var id = await Client.IdOfPersonAsync("Lu Kang", Ct);
        var problem = await (await Client.PutCurrentAsync($"{Url}/{id}", new { name = "" }, Ct)).ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("name", problem.Errors().Keys);
        Assert.Equal("Lu Kang", (await (await Client.GetAsync($"{Url}/{id}", Ct)).ReadJsonAsync(HttpStatusCode.OK))["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Put_of_a_missing_person_is_404()
    {
        var response = await Client.PutCurrentAsync($"{Url}/{Guid.NewGuid()}", NewPerson(), Ct);
        await response.ReadProblemAsync(HttpStatusCode.NotFound);
    }

    private async Task AssertPeopleCountAsync(int expected)
    {
        var list = await (await Anonymous.GetAsync(Url, Ct)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(expected, list["totalCount"]!.GetValue<int>());
    }

    private async Task<int> CountQueriesAsync(string url, int expectedPosts)
    {
        using var counter = new CommandCounter();
        var person = await (await Anonymous.GetAsync(url, Ct)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(expectedPosts, person["posts"]!.AsArray().Count);
        return counter.Count;
    }

    /// <summary>
    /// Counts the SQL commands Npgsql runs while it is alive, from its ActivitySource (which, unlike EF Core's
    /// diagnostics, is checked on every command). Tests in the api collection run one at a time.
    /// </summary>
    private sealed class CommandCounter : IDisposable
    {
        private readonly ActivityListener _listener;
        private int _count;

        public CommandCounter()
        {
            _listener = new ActivityListener
            {
                ShouldListenTo = source => source.Name == "Npgsql",
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
                ActivityStopped = activity =>
                {
                    if (activity.GetTagItem("db.query.text") is not null)
                    {
                        Interlocked.Increment(ref _count);
                    }
                },
            };
            ActivitySource.AddActivityListener(_listener);
        }

        public int Count => Volatile.Read(ref _count);

        public void Dispose() => _listener.Dispose();
    }
}
