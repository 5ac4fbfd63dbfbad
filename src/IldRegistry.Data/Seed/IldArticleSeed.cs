namespace IldRegistry.Data.Seed;

/// <summary>
/// The stable ids and slugs of the registry's first data set, the Wikipedia article "International Department of the
/// Chinese Communist Party" (<c>data/sources/ild-article.txt</c>). The records themselves are data:
/// <c>data/seed/ild-article.json</c>, in the import format, loaded at start through the import. Their ids are
/// <see cref="SeedIds"/> of keys such as <c>department:ild</c>, so they stay what they were when the seed was C#.
/// </summary>
public static class IldArticleSeed
{
    /// <summary>The data file's name among the embedded seed files.</summary>
    public const string File = "seed/ild-article.json";

    public const string IldSlug = "ild";
    public const string CentralCommitteeSlug = "ccp-central-committee";
    public const string CpsuSlug = "cpsu-international-department";
    public const string SedSlug = "sed-international-relations-department";
    public const string CentralPartySchoolSlug = "ccp-central-party-school";

    public static Guid IldId => SeedIds.For("department:ild");

    public static Guid CentralCommitteeId => SeedIds.For("department:ccp-central-committee");

    public static Guid CpsuId => SeedIds.For("department:cpsu-international-department");

    public static Guid SedId => SeedIds.For("department:sed-international-relations-department");

    public static Guid CentralPartySchoolId => SeedIds.For("department:ccp-central-party-school");

    public static Guid PersonId(string key) => SeedIds.For($"person:{key}");

    public static Guid LeaderId(string key, string title) => SeedIds.For($"leader:ild:{key}:{title}");

    public static Guid BureauId(string key) => SeedIds.For($"bureau:ild:{key}");

    public static Guid InstitutionId(string key) => SeedIds.For($"institution:ild:{key}");

    public static Guid EventId(string key) => SeedIds.For($"event:ild:{key}");

    /// <summary>A link between organisations, keyed <c>from:kind:to</c> (<c>ild:part-of:ccp-central-committee</c>).</summary>
    public static Guid OrgLinkId(string key) => SeedIds.For($"orglink:{key}");
}
