namespace IldRegistry.UnitTests.Architecture;

/// <summary>
/// Where features reach into each other's internals today, as "feature -> other feature.type". Issue 11's parts 1 and
/// 2 (each resource declared once, one source for every rule) remove them; the architecture test fails on any new one,
/// and on an entry that is gone (remove it here then).
/// </summary>
internal static class KnownViolations
{
    public static readonly string[] Today =
    [
        // OrgChartService reads the leadership through LeaderService.
        "Departments -> Leaders.LeaderService",

        // ImportService writes every resource through its service's static Apply, and compares with the export's
        // projections.
        "Import -> Bureaus.BureauService",
        "Import -> Departments.DepartmentService",
        "Import -> Events.EventService",
        "Import -> Export.RegistryRecords",
        "Import -> Institutions.InstitutionService",
        "Import -> Leaders.LeaderService",
        "Import -> People.PersonService",

        // The leadership endpoints resolve a department's id or slug through DepartmentService, and use the "as of"
        // date helper declared in OrgChartService.cs.
        "Leaders -> Departments.AsOf",
        "Leaders -> Departments.DepartmentService",
    ];
}
