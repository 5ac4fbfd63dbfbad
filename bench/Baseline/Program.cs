using System.Text.Encodings.Web;
using System.Text.Json;
using IldRegistry.Bench.Baseline;
using Npgsql;

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var connectionString = builder.Configuration.GetConnectionString("Registry")
    ?? throw new InvalidOperationException("Set ConnectionStrings__Registry.");
// Every statement prepared on its connection from its first use: the physical limit of one query per request.
var dataSourceBuilder = new NpgsqlDataSourceBuilder(connectionString);
dataSourceBuilder.ConnectionStringBuilder.MaxAutoPrepare = 20;
dataSourceBuilder.ConnectionStringBuilder.AutoPrepareMinUsages = 1;
builder.Services.AddSingleton(dataSourceBuilder.Build());

var app = builder.Build();
app.MapGet("/api/v1/departments/{slug}", DepartmentJsonQuery.GetAsync);
app.MapGet("/typed/api/v1/departments/{slug}", DepartmentQuery.GetAsync);
await app.RunAsync();

namespace IldRegistry.Bench.Baseline
{
    /// <summary>
    /// The honest limit (issue 14): one prepared statement in which PostgreSQL builds the department's JSON, which
    /// Kestrel writes as it comes. The same fields as the API's body, not byte-identical (the jsonb columns keep the
    /// names they are stored with).
    /// </summary>
    internal static class DepartmentJsonQuery
    {
        private const string Sql = """
            SELECT json_build_object(
                       'id', d.id, 'slug', d.slug, 'name', d.name, 'shortName', d.short_name, 'nativeName', d.native_name,
                       'romanizedName', d.romanized_name, 'otherNames', d.other_names, 'identifiers', d.identifiers,
                       'jurisdiction', d.jurisdiction, 'agencyType', d.agency_type, 'headquarters', d.headquarters,
                       'parent', CASE WHEN p.id IS NOT NULL THEN json_build_object('id', p.id, 'slug', p.slug, 'name', p.name) END,
                       'established', d.established_text, 'dissolved', d.dissolved_text, 'summary', d.summary,
                       'functions', d.functions, 'logo', d.logo, 'logoCaption', d.logo_caption, 'sources', d.sources,
                       'createdAt', d.created_at, 'updatedAt', d.updated_at)::text,
                   d.xmin
            FROM departments d
            LEFT JOIN departments p ON p.id = d.parent_id AND p.deleted_at IS NULL
            WHERE d.slug = $1 AND d.deleted_at IS NULL
            LIMIT 1
            """;

        public static async Task GetAsync(string slug, NpgsqlDataSource dataSource, HttpContext context, CancellationToken ct)
        {
            await using var command = dataSource.CreateCommand(Sql);
            command.Parameters.Add(new NpgsqlParameter { Value = slug });
            await using var reader = await command.ExecuteReaderAsync(ct);
            if (!await reader.ReadAsync(ct))
            {
                context.Response.StatusCode = 404;
                return;
            }

            var body = reader.GetString(0);
            context.Response.Headers.ETag = $"\"{reader.GetFieldValue<uint>(1)}\"";
            context.Response.Headers.CacheControl = "no-cache";
            context.Response.ContentType = "application/json; charset=utf-8";
            await context.Response.WriteAsync(body, ct);
        }
    }

    /// <summary>The department detail read by slug, as the API shapes it, with one query and no ORM.</summary>
    internal static class DepartmentQuery
    {
        private const string Sql = """
            SELECT d.id, d.slug, d.name, d.short_name, d.native_name, d.romanized_name, d.other_names, d.identifiers,
                   d.jurisdiction, d.agency_type, d.headquarters, p.id, p.slug, p.name, d.established_text,
                   d.dissolved_text, d.summary, d.functions, d.logo, d.logo_caption, d.sources, d.created_at,
                   d.updated_at, d.xmin
            FROM departments d
            LEFT JOIN departments p ON p.id = d.parent_id AND p.deleted_at IS NULL
            WHERE d.slug = $1 AND d.deleted_at IS NULL
            LIMIT 1
            """;

        // The API's own settings: camelCase out, relaxed escaping (byte-identical bodies); jsonb columns hold the EF-written PascalCase names, read case-insensitively.
        private static readonly JsonSerializerOptions _json = new(JsonSerializerDefaults.Web)
        {
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };

        public static async Task<IResult> GetAsync(string slug, NpgsqlDataSource dataSource, HttpContext context, CancellationToken ct)
        {
            await using var command = dataSource.CreateCommand(Sql);
            command.Parameters.Add(new NpgsqlParameter { Value = slug });
            await using var reader = await command.ExecuteReaderAsync(ct);
            if (!await reader.ReadAsync(ct))
            {
                return Results.Problem(statusCode: 404, title: "Not Found", detail: $"No department '{slug}'.");
            }

            var response = new DepartmentResponse(
                reader.GetGuid(0),
                reader.GetString(1),
                reader.GetString(2),
                Text(reader, 3),
                Text(reader, 4),
                Text(reader, 5),
                Json<List<OtherName>>(reader, 6),
                Json<List<Identifier>>(reader, 7),
                Text(reader, 8),
                Text(reader, 9),
                Text(reader, 10),
                reader.IsDBNull(11) ? null : new DepartmentRef(reader.GetGuid(11), reader.GetString(12), reader.GetString(13)),
                Text(reader, 14),
                Text(reader, 15),
                Text(reader, 16),
                Text(reader, 17),
                Text(reader, 18),
                Text(reader, 19),
                Json<List<Source>>(reader, 20),
                reader.GetFieldValue<DateTimeOffset>(21),
                reader.GetFieldValue<DateTimeOffset>(22));
            var version = reader.GetFieldValue<uint>(23);
            context.Response.Headers.ETag = $"\"{version}\"";
            context.Response.Headers.CacheControl = "no-cache";
            return Results.Json(response, _json);
        }

        private static string? Text(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

        private static T Json<T>(NpgsqlDataReader reader, int ordinal) =>
            JsonSerializer.Deserialize<T>(reader.GetString(ordinal), _json) ?? throw new InvalidOperationException("null jsonb");
    }

    public sealed record DepartmentRef(Guid Id, string Slug, string Name);

    public sealed record OtherName(string Name, string Lang, string Kind, string? Start, string? End);

    public sealed record Identifier(string Scheme, string Value);

    public sealed record Source(string Title, string? Url, string? Publisher, DateOnly? RetrievedOn, string? Quote, string? Language);

    public sealed record DepartmentResponse(
        Guid Id,
        string Slug,
        string Name,
        string? ShortName,
        string? NativeName,
        string? RomanizedName,
        IReadOnlyList<OtherName> OtherNames,
        IReadOnlyList<Identifier> Identifiers,
        string? Jurisdiction,
        string? AgencyType,
        string? Headquarters,
        DepartmentRef? Parent,
        string? Established,
        string? Dissolved,
        string? Summary,
        string? Functions,
        string? Logo,
        string? LogoCaption,
        IReadOnlyList<Source> Sources,
        DateTimeOffset CreatedAt,
        DateTimeOffset UpdatedAt);
}
