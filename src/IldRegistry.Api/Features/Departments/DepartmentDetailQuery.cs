using System.Data.Common;
using IldRegistry.Api.Common.Resources;
using IldRegistry.Data;
using IldRegistry.Domain.Common;
using Npgsql;

namespace IldRegistry.Api.Features.Departments;

/// <summary>
/// The department detail (GET by id or slug, and the answer to every write) in one SQL statement sent through
/// <see cref="SqlBatch"/>: its parent joined in, the jsonb columns read as text and parsed by <see cref="JsonColumns"/>.
/// EF Core's <c>SqlQueryRaw</c> generated the statement anew on every run (figures in bench/README.md); the batch
/// keeps EF's connection, execution strategy and interceptors (the query counter, the standby routing).
/// </summary>
internal static class DepartmentDetailQuery
{
    private static readonly string Select = $"""
        SELECT d.id, d.slug, d.name, d.short_name, d.native_name, d.romanized_name, d.other_names::text AS other_names,
               d.identifiers::text AS identifiers, d.jurisdiction, d.agency_type, d.headquarters, p.id AS parent_id,
               p.slug AS parent_slug, p.name AS parent_name, d.established_text AS established,
               d.established_not_before_text AS established_not_before, d.established_not_after_text AS established_not_after,
               d.dissolved_text AS dissolved, d.dissolved_status, d.dissolved_not_before_text AS dissolved_not_before,
               d.dissolved_not_after_text AS dissolved_not_after, d.summary, d.functions, d.logo, d.logo_caption, {JsonColumns.Cited("d.sources")} AS sources,
               {JsonColumns.Claimed("d.claims")} AS claims, d.office_count,
               d.created_at, d.updated_at, d.xmin::text::bigint AS version
        FROM departments d
        LEFT JOIN departments p ON p.id = d.parent_id AND p.deleted_at IS NULL
        """;

    private static readonly string ById = Select + "\nWHERE d.id = @key AND d.deleted_at IS NULL";

    private static readonly string BySlug = Select + "\nWHERE d.slug = @key AND d.deleted_at IS NULL";

    /// <summary>The live department with this id or slug, or null (MVC binds a blank route value as null).</summary>
    public static async Task<DepartmentResponse?> FindAsync(RegistryDbContext db, string? idOrSlug, CancellationToken ct)
    {
        var statement = Guid.TryParse(idOrSlug, out var id)
            ? new SqlBatch.Statement(ById, new NpgsqlParameter<Guid>("key", id))
            : new SqlBatch.Statement(BySlug, new NpgsqlParameter<string>("key", idOrSlug ?? string.Empty));
        var rows = await SqlBatch.RowsAsync(db, statement, Row.Read, ct);
        return rows.Count == 0 ? null : rows[0].ToResponse();
    }

    /// <summary>One result row, its columns in the order of <see cref="Select"/>.</summary>
    internal sealed class Row
    {
        public static Row Read(DbDataReader r) => new()
        {
            Id = r.GetGuid(0),
            Slug = r.GetString(1),
            Name = r.GetString(2),
            ShortName = SqlBatch.Text(r, 3),
            NativeName = SqlBatch.Text(r, 4),
            RomanizedName = SqlBatch.Text(r, 5),
            OtherNames = r.GetString(6),
            Identifiers = r.GetString(7),
            Jurisdiction = SqlBatch.Text(r, 8),
            AgencyType = SqlBatch.Text(r, 9),
            Headquarters = SqlBatch.Text(r, 10),
            ParentId = r.IsDBNull(11) ? null : r.GetGuid(11),
            ParentSlug = SqlBatch.Text(r, 12),
            ParentName = SqlBatch.Text(r, 13),
            Established = SqlBatch.Text(r, 14),
            EstablishedNotBefore = SqlBatch.Text(r, 15),
            EstablishedNotAfter = SqlBatch.Text(r, 16),
            Dissolved = SqlBatch.Text(r, 17),
            DissolvedStatus = r.GetString(18),
            DissolvedNotBefore = SqlBatch.Text(r, 19),
            DissolvedNotAfter = SqlBatch.Text(r, 20),
            Summary = SqlBatch.Text(r, 21),
            Functions = SqlBatch.Text(r, 22),
            Logo = SqlBatch.Text(r, 23),
            LogoCaption = SqlBatch.Text(r, 24),
            Sources = r.GetString(25),
            Claims = r.GetString(26),
            OfficeCount = r.IsDBNull(27) ? null : r.GetInt32(27),
            CreatedAt = r.GetFieldValue<DateTimeOffset>(28),
            UpdatedAt = r.GetFieldValue<DateTimeOffset>(29),
            Version = r.GetInt64(30),
        };

        public Guid Id { get; init; }

        public required string Slug { get; init; }

        public required string Name { get; init; }

        public string? ShortName { get; init; }

        public string? NativeName { get; init; }

        public string? RomanizedName { get; init; }

        public required string OtherNames { get; init; }

        public required string Identifiers { get; init; }

        public string? Jurisdiction { get; init; }

        public string? AgencyType { get; init; }

        public string? Headquarters { get; init; }

        public Guid? ParentId { get; init; }

        public string? ParentSlug { get; init; }

        public string? ParentName { get; init; }

        public string? Established { get; init; }

        public string? EstablishedNotBefore { get; init; }

        public string? EstablishedNotAfter { get; init; }

        public string? Dissolved { get; init; }

        public required string DissolvedStatus { get; init; }

        public string? DissolvedNotBefore { get; init; }

        public string? DissolvedNotAfter { get; init; }

        public string? Summary { get; init; }

        public string? Functions { get; init; }

        public string? Logo { get; init; }

        public string? LogoCaption { get; init; }

        public required string Sources { get; init; }

        public required string Claims { get; init; }

        public int? OfficeCount { get; init; }

        public DateTimeOffset CreatedAt { get; init; }

        public DateTimeOffset UpdatedAt { get; init; }

        /// <summary><c>xmin</c>, read as bigint (EF maps an ad-hoc uint to bigint, not xid).</summary>
        public long Version { get; init; }

        public DepartmentResponse ToResponse() => new()
        {
            Id = Id,
            Slug = Slug,
            Name = Name,
            ShortName = ShortName,
            NativeName = NativeName,
            RomanizedName = RomanizedName,
            OtherNames = JsonColumns.OtherNames(OtherNames),
            Identifiers = JsonColumns.Identifiers(Identifiers),
            Jurisdiction = Jurisdiction,
            AgencyType = AgencyType,
            Headquarters = Headquarters,
            Parent = ParentId is { } parentId ? new DepartmentRef(parentId, ParentSlug!, ParentName!) : null,
            Established = PartialDate.FromStored(Established),
            EstablishedNotBefore = PartialDate.FromStored(EstablishedNotBefore),
            EstablishedNotAfter = PartialDate.FromStored(EstablishedNotAfter),
            Dissolved = PartialDate.FromStored(Dissolved),
            DissolvedStatus = Enum.Parse<EndStatus>(DissolvedStatus),
            DissolvedNotBefore = PartialDate.FromStored(DissolvedNotBefore),
            DissolvedNotAfter = PartialDate.FromStored(DissolvedNotAfter),
            Summary = Summary,
            Functions = Functions,
            Logo = Logo,
            LogoCaption = LogoCaption,
            OfficeCount = OfficeCount,
            Sources = JsonColumns.Sources(Sources),
            Claims = JsonColumns.Claims(Claims),
            CreatedAt = CreatedAt,
            UpdatedAt = UpdatedAt,
            Version = checked((uint)Version),
        };
    }
}
