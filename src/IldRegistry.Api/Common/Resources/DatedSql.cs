namespace IldRegistry.Api.Common.Resources;

/// <summary>SQL over the stored partial dates (<c>{name}_lower</c>, <c>{name}_upper</c>), for the reads that skip EF Core.</summary>
internal static class DatedSql
{
    /// <summary>
    /// The rows of <paramref name="alias"/> whose dates from <paramref name="start"/> to <paramref name="end"/> at their
    /// widest reach [<c>@lower</c>, <c>@upper</c>]: a known start or end counts from its first day to its last, an
    /// unknown one is no limit (the SQL of <c>LeaderService.Serving</c>'s filter, for any dated table).
    /// </summary>
    public static string Reaching(string alias, string start, string end) =>
        $"({alias}.{start}_lower IS NULL OR {alias}.{start}_lower <= @upper) AND ({alias}.{end}_upper IS NULL OR {alias}.{end}_upper >= @lower)";
}
