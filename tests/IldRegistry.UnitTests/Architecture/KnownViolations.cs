namespace IldRegistry.UnitTests.Architecture;

/// <summary>
/// Where features reach into each other's internals today, as "feature -> other feature.type". The import's reach into
/// every service went with the resource definitions (issue 11 parts 1 and 2); the architecture test fails on any new
/// one, and on an entry that is gone (remove it here then).
/// </summary>
internal static class KnownViolations
{
    public static readonly string[] Today =
    [
        // OrgChartService reads the leadership through LeaderService.
        "Departments -> Leaders.LeaderService",

        // The org chart as of a date and the department's changes read its links (and their ends' names) through OrgLinkService.
        "Departments -> OrgLinks.OrgLinkService",

        // The leadership endpoints resolve a department's id or slug through DepartmentService.
        "Leaders -> Departments.DepartmentService",

        // The Popolo import reads a Popolo document through the export's PopoloMapping, the one place of the mapping both ways.
        "Import -> Export.PopoloMapping",

        // The reconciliation service finds its candidates through the registry's one search rather than a copy of it.
        "Reconcile -> Search.SearchService",
    ];
}
