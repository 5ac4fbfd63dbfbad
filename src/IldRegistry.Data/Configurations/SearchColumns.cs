using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IldRegistry.Data.Configurations;

/// <summary>
/// Search columns PostgreSQL keeps up to date itself (stored generated columns): <c>search_names</c> holds every
/// name of a record, lower-cased and without tone marks or accents (<c>ild_search_norm</c>, an immutable wrapper
/// over <c>unaccent</c> created by the first migration), indexed with pg_trgm for fuzzy matching;
/// <c>search_document</c> adds summaries and descriptions as a <c>simple</c> tsvector for full-text matching.
/// </summary>
public static class SearchColumns
{
    public const string Names = "SearchNames";
    public const string Document = "SearchDocument";

    /// <summary>The SQL that creates the normalising function the generated columns use.</summary>
    public const string CreateNormaliseFunction = """
        CREATE OR REPLACE FUNCTION ild_search_norm(value text) RETURNS text
        LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
        AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, value)) $$;
        """;

    public static void Configure<T>(EntityTypeBuilder<T> builder, string namesSql, string documentSql)
        where T : class
    {
        builder.Property<string>(Names)
            .HasComputedColumnSql($"ild_search_norm({namesSql})", stored: true);
        builder.Property<NpgsqlTypes.NpgsqlTsVector>(Document)
            .HasComputedColumnSql($"to_tsvector('simple'::regconfig, ild_search_norm({documentSql}))", stored: true);
        builder.HasIndex(Names).HasMethod("gin").HasOperators("gin_trgm_ops");
        builder.HasIndex(Document).HasMethod("gin");
    }

    /// <summary>SQL for the names held in a jsonb <c>other_names</c> column, as text.</summary>
    public const string OtherNames = "coalesce(jsonb_path_query_array(other_names, '$[*].name')::text, '')";

    /// <summary>Joins SQL text expressions with spaces, treating nulls as empty.</summary>
    public static string Join(params string[] parts) =>
        string.Join(" || ' ' || ", parts.Select(p => $"coalesce({p}, '')"));
}
