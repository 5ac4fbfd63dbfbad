using IldRegistry.Api.Common.Resources;
using IldRegistry.IntegrationTests.Infrastructure;
using Npgsql;

namespace IldRegistry.IntegrationTests.Search;

/// <summary>
/// Every searched resource finds its candidates by the same indexes and adds its words to the vocabulary that
/// corrects misspellings: the migrations name the tables, so a resource that becomes searchable needs its own.
/// </summary>
public sealed class SearchVocabularyTests(RegistryApiFactory factory) : ApiTest(factory)
{
    private static readonly string[] CandidateIndexes = ["compact", "compact_equal", "document", "names", "words"];

    public static TheoryData<string> SearchedTables() =>
        [.. ResourceRegistry.Instance.All.Where(r => r.Search is not null).Select(r => r.Table)];

    [Theory]
    [MemberData(nameof(SearchedTables))]
    public async Task A_searched_table_has_the_vocabulary_trigger_and_the_candidate_indexes(string table)
    {
        await using var connection = new NpgsqlConnection(Factory.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand("""
            SELECT (SELECT count(*) FROM pg_trigger WHERE tgrelid = to_regclass($1) AND tgname = 'ild_search_terms'),
                   (SELECT array_agg(indexname ORDER BY indexname) FROM pg_indexes WHERE tablename = $1 AND indexname LIKE 'ix\_%\_search\_%')
            """, connection)
        {
            Parameters = { new() { Value = table } },
        };
        await using var reader = await command.ExecuteReaderAsync(Ct);
        Assert.True(await reader.ReadAsync(Ct));
        Assert.Equal(1L, reader.GetInt64(0));
        Assert.Equal(
            CandidateIndexes.Select(s => $"ix_{table}_search_{s}"),
            reader.GetFieldValue<string[]>(1));
    }
}
