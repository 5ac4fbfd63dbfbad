using IldRegistry.Api.Common.Resources;
using IldRegistry.IntegrationTests.Infrastructure;
using Npgsql;

namespace IldRegistry.IntegrationTests.Search;

/// <summary>
/// Every searched resource adds its words to the vocabulary that corrects misspellings and feeds search_index, whose
/// indexes find the candidates: the migrations name the tables and columns, so a resource that becomes searchable, or
/// whose search columns change, needs its own. The trigger's arguments must be what the resource's definition says.
/// </summary>
public sealed class SearchVocabularyTests(RegistryApiFactory factory) : ApiTest(factory)
{
    private static readonly string[] CandidateIndexes = ["compact", "compact_equal", "document", "names", "words"];

    public static TheoryData<string> SearchedTables() =>
        [.. ResourceRegistry.Instance.All.Where(r => r.Search is not null).Select(r => r.Table)];

    [Theory]
    [MemberData(nameof(SearchedTables))]
    public async Task A_searched_table_feeds_the_vocabulary_and_the_search_index_with_the_columns_its_definition_names(string table)
    {
        var search = ResourceRegistry.Instance.All.Single(r => r.Table == table).Search!;
        await using var connection = new NpgsqlConnection(Factory.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand("""
            SELECT (SELECT count(*) FROM pg_trigger WHERE tgrelid = to_regclass($1) AND tgname = 'ild_search_terms'),
                   (SELECT array_agg(pg_get_triggerdef(oid) ORDER BY tgname) FROM pg_trigger
                    WHERE tgrelid = to_regclass($1) AND tgname LIKE 'ild\_search\_index%'),
                   (SELECT count(*) FROM pg_indexes WHERE tablename = $1 AND indexname LIKE 'ix\_%\_search\_%')
            """, connection)
        {
            Parameters = { new() { Value = table } },
        };
        await using var reader = await command.ExecuteReaderAsync(Ct);
        Assert.True(await reader.ReadAsync(Ct));
        Assert.Equal(1L, reader.GetInt64(0));
        var arguments = $"ild_search_index('{search.Type}', '{search.Name}', '{search.ShortName}', '{search.Snippet}')";
        Assert.Equal(
            [
                $"CREATE TRIGGER ild_search_index AFTER INSERT OR DELETE OR UPDATE ON public.{table} FOR EACH ROW EXECUTE FUNCTION {arguments}",
                $"CREATE TRIGGER ild_search_index_truncate AFTER TRUNCATE ON public.{table} FOR EACH STATEMENT EXECUTE FUNCTION {arguments}",
            ],
            reader.GetFieldValue<string[]>(1));
        Assert.Equal(0L, reader.GetInt64(2));
    }

    [Fact]
    public async Task The_search_index_has_the_candidate_indexes()
    {
        await using var connection = new NpgsqlConnection(Factory.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(
            "SELECT array_agg(indexname::text ORDER BY indexname) FROM pg_indexes WHERE tablename = 'search_index' AND indexname LIKE 'ix\\_%'",
            connection);
        Assert.Equal(
            CandidateIndexes.Select(s => $"ix_search_index_{s}"),
            (string[])(await command.ExecuteScalarAsync(Ct))!);
    }

    [Fact]
    public async Task The_search_index_holds_one_row_per_live_searched_record_and_a_truncated_table_leaves_none()
    {
        var searched = ResourceRegistry.Instance.All.Where(r => r.Search is not null).ToList();
        await using var connection = new NpgsqlConnection(Factory.ConnectionString);
        await connection.OpenAsync(Ct);

        async Task<(long Live, long Indexed)> CountAsync(string table, string type)
        {
            await using var command = new NpgsqlCommand(
                $"SELECT (SELECT count(*) FROM {table} WHERE deleted_at IS NULL), (SELECT count(*) FROM search_index WHERE type = $1)",
                connection)
            {
                Parameters = { new() { Value = type } },
            };
            await using var reader = await command.ExecuteReaderAsync(Ct);
            await reader.ReadAsync(Ct);
            return (reader.GetInt64(0), reader.GetInt64(1));
        }

        foreach (var resource in searched)
        {
            var (live, indexed) = await CountAsync(resource.Table, resource.Search!.Type);
            Assert.Equal(live, indexed);
        }

        Assert.True((await CountAsync("sources", "Source")).Live > 0);
        await using (var truncate = new NpgsqlCommand("TRUNCATE sources CASCADE", connection))
        {
            await truncate.ExecuteNonQueryAsync(Ct);
        }

        Assert.Equal((0L, 0L), await CountAsync("sources", "Source"));
        foreach (var resource in searched)
        {
            var (live, indexed) = await CountAsync(resource.Table, resource.Search!.Type);
            Assert.Equal(live, indexed);
        }
    }
}
