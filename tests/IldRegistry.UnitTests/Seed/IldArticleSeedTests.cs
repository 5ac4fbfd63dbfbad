using IldRegistry.Api.Common.Resources;
using IldRegistry.Api.Features.Bureaus;
using IldRegistry.Api.Features.Departments;
using IldRegistry.Api.Features.Events;
using IldRegistry.Api.Features.Institutions;
using IldRegistry.Api.Features.Leaders;
using IldRegistry.Api.Features.OrgLinks;
using IldRegistry.Api.Features.People;
using IldRegistry.Api.Features.Sources;
using IldRegistry.Data.Seed;
using IldRegistry.Domain.Departments;
using IldRegistry.Domain.Leaders;
using IldRegistry.Domain.People;
using IldRegistry.Domain.Sources;
using IldRegistry.Domain.Bureaus;
using IldRegistry.Domain.Common;
using IldRegistry.Domain.Events;
using IldRegistry.Domain.Institutions;
using IldRegistry.Domain.OrgLinks;

namespace IldRegistry.UnitTests.Seed;

public sealed class IldArticleSeedTests
{
    /// <summary>The repository's copy of the article (<c>data/sources/</c>), copied beside the test binaries.</summary>
    private static readonly string ArticlePath = Path.Combine(AppContext.BaseDirectory, "sources", "ild-article.txt");

    [Fact]
    public void BureausAreTheSeventeenUnitsInTheArticlesOrderWithKinds()
    {
        var bureaus = Seeded.Bureaus();

        (string Name, BureauKind Kind)[] expected =
        [
            ("General Office", BureauKind.Office),
            ("Research Room", BureauKind.ResearchOffice),
            ("First Asia Bureau", BureauKind.RegionalBureau),
            ("Second Asia Bureau", BureauKind.RegionalBureau),
            ("West Asia and North Africa Bureau", BureauKind.RegionalBureau),
            ("Africa Bureau", BureauKind.RegionalBureau),
            ("Latin American Bureau", BureauKind.RegionalBureau),
            ("Eastern Europe and Central Asia Bureau", BureauKind.RegionalBureau),
            ("United States Bureau", BureauKind.RegionalBureau),
            ("Western Europe", BureauKind.RegionalBureau),
            ("Party and Mass External Affairs Coordination Bureau", BureauKind.FunctionalBureau),
            ("Information and Communication Bureau", BureauKind.FunctionalBureau),
            ("Protocol Bureau", BureauKind.FunctionalBureau),
            ("Cadre Bureau", BureauKind.FunctionalBureau),
            ("Party Committee", BureauKind.PartyBody),
            ("Office of International Exchange Coordination and Management of Chinese Social Organizations", BureauKind.Office),
            ("Information Editorial Office", BureauKind.Office),
        ];
        Assert.Equal(expected, bureaus.Select(b => (b.Name, b.Kind)));
        Assert.Equal(Enumerable.Range(1, 17), bureaus.Select(b => b.SortOrder));
        Assert.All(bureaus, b => Assert.Equal(IldArticleSeed.IldId, b.DepartmentId));
    }

    [Fact]
    public void ExactlyTheEightRegionalBureausCarryNumbersAlternateNamesAndRegions()
    {
        var numbered = Seeded.Bureaus().Where(b => b.Number is not null).ToList();

        Assert.Equal(Enumerable.Range(1, 8), numbered.Select(b => b.Number!.Value));
        Assert.All(numbered, b => Assert.Equal(BureauKind.RegionalBureau, b.Kind));
        Assert.Equal(
            ["First Bureau", "Second Bureau", "Third Bureau", "Fourth Bureau", "Fifth Bureau", "Sixth Bureau", "Seventh Bureau", "Eighth Bureau"],
            numbered.Select(b => b.AlternateName));
        Assert.Equal(
            ["First Asia", "Second Asia", "West Asia and North Africa", "Africa", "Latin America", "Eastern Europe and Central Asia", "United States", "Western Europe"],
            numbered.Select(b => b.Region));
        Assert.All(
            Seeded.Bureaus().Where(b => b.Number is null),
            b => Assert.True(b.AlternateName is null && b.Region is null, b.Name));
    }

    [Fact]
    public void LeadersAreTheHeadAndSixDeputiesInRankOrderAndServing()
    {
        var leaders = Seeded.Leaders();
        var people = Seeded.People().ToDictionary(p => p.Id);

        Assert.Equal(
            [
                (1, "Liu Haixing", "Head"),
                (2, "Shen Ying", "Deputy Head"),
                (3, "Chen Zhou", "Deputy Head"),
                (4, "Li Mingxiang", "Deputy Head"),
                (5, "Sun Haiyan", "Deputy Head"),
                (6, "Lu Kang", "Deputy Head"),
                (7, "Ma Hui", "Deputy Head"),
            ],
            leaders.Select(l => (l.Rank, people[l.PersonId].Name, l.Title)));
        Assert.All(leaders, l =>
        {
            Assert.Equal(IldArticleSeed.IldId, l.DepartmentId);
            // Issue 12: Liu Haixing's start comes from the news of 2025-09-30; the article's deputies stay undated.
            Assert.Equal(l.Rank == 1 ? PartialDate.Parse("2025-09") : null, l.Start);
            Assert.Null(l.End);
            Assert.Equal(EndStatus.Ongoing, l.EndStatus);
        });
        Assert.Equal(SeedIds.For("leader:ild:lu-kang:deputy-head"), leaders.Single(l => l.Rank == 6).Id);
        // Native names only where a Chinese-language or dated source gives them (data/sources/ild-leadership.md).
        Assert.Equal(
            ["刘海星", null, "陈洲", "李明祥", null, null, null],
            leaders.OrderBy(l => l.Rank).Select(l => people[l.PersonId].NativeName));
    }

    [Fact]
    public void InstitutionsAreGroupedByKindAsTheArticleListsThem()
    {
        var institutions = Seeded.Institutions();
        string[] Named(InstitutionKind kind) => [.. institutions.Where(i => i.Kind == kind).Select(i => i.Name)];

        Assert.Equal(
            ["Chinese Association for International Understanding", "China Center for Contemporary World Studies", "China Foundation for Peace and Development"],
            Named(InstitutionKind.ChildAgency));
        Assert.Equal(
            [
                "International Exchange Center of the Central External Liaison Department",
                "Center for Contemporary World Studies",
                "China Economic Liaison Center",
                "Service Center of the International Liaison Department",
                "Contemporary World Magazine",
            ],
            Named(InstitutionKind.AffiliatedInstitution));
        Assert.Equal(["Contemporary World Publishing"], Named(InstitutionKind.AffiliatedEnterprise));

        var school = Assert.Single(institutions, i => i.Kind == InstitutionKind.FundedInstitution);
        Assert.Equal("Julius Nyerere Leadership School", school.Name);
        Assert.Equal("Tanzania", school.Location);
        Assert.Equal("2022-02", school.Established?.Text);
        Assert.Contains("Central Party School", school.Summary, StringComparison.Ordinal);

        Assert.Equal("1981", institutions.Single(i => i.Name == "Chinese Association for International Understanding").Established?.Text);
        var cccws = institutions.Single(i => i.Name == "China Center for Contemporary World Studies");
        Assert.Equal("2010", cccws.Established?.Text);
        Assert.Contains(cccws.OtherNames, n => n is { Name: "CCCWS", Kind: NameKind.Abbreviation });
        Assert.All(institutions, i => Assert.Equal(IldArticleSeed.IldId, i.DepartmentId));
    }

    [Fact]
    public void TheIldCarriesEveryInfoboxField()
    {
        var ild = Seeded.Departments().Single(d => d.Slug == "ild");

        Assert.Equal("International Department of the Chinese Communist Party", ild.Name);
        Assert.Equal("ILD", ild.ShortName);
        Assert.Equal("中国共产党中央委员会对外联络部", ild.NativeName);
        Assert.Equal("Zhōngguó Gòngchǎndǎng Zhōngyāng Wěiyuánhuì Duìwài Liánluòbù", ild.RomanizedName);
        Assert.Equal("Chinese Communist Party", ild.Jurisdiction);
        Assert.Equal("Department directly reporting to the Central Committee, Ministerial level agency", ild.AgencyType);
        Assert.Equal("4 Fuxing Road, Haidian District, Beijing", ild.Headquarters);
        Assert.Equal("Danghui.svg", ild.Logo);
        Assert.Equal("Emblem of the Chinese Communist Party", ild.LogoCaption);
        Assert.Equal("1951", ild.Established?.Text);
        Assert.Equal(IldArticleSeed.CentralCommitteeId, ild.ParentId);
        Assert.NotNull(ild.Summary);
        Assert.NotNull(ild.Functions);
        Assert.InRange(ild.Functions.Length, 1, 4000);
        Assert.Contains(ild.OtherNames, n => n is { Name: "International Liaison Department", Lang: "en", Kind: NameKind.Alternative });
        Assert.Contains(ild.OtherNames, n => n is { Name: "ILD", Lang: "en", Kind: NameKind.Abbreviation });
        Assert.Contains(ild.OtherNames, n => n.Name == "International Department of the Central Committee of the Chinese Communist Party");

        var slugs = Seeded.Departments().Select(d => d.Slug);
        // Issue 13: the Central Party School, named by the article only as a funder of the Julius Nyerere Leadership School.
        Assert.Equal(["ccp-central-committee", "ild", "cpsu-international-department", "sed-international-relations-department", "ccp-central-party-school"], slugs);
    }

    [Fact]
    public void EventDatesAreAsWrittenAndInDateOrder()
    {
        var events = Seeded.Events();
        var byKey = events.ToDictionary(e => e.Id);
        HistoricalEventView Get(string key) => new(byKey[SeedIds.For($"event:ild:{key}")]);

        Assert.Equal(("1951", EventKind.Founding), Get("founding-1951").DateAndKind);
        Assert.Equal(("198X", EventKind.MandateChange), Get("deng-1980s").DateAndKind);
        Assert.Equal(("1981", EventKind.Establishment), Get("caiu-1981").DateAndKind);
        Assert.Equal(("2010", EventKind.Establishment), Get("cccws-2010").DateAndKind);
        Assert.Equal(("2022-02", EventKind.Initiative), Get("nyerere-school-2022").DateAndKind);
        Assert.Equal(("2019", EventKind.Statistic), Get("relations-2019").DateAndKind);
        Assert.Equal(EventKind.Organization, Get("fourteen-offices").Event.Kind);
        Assert.Contains("17", Get("fourteen-offices").Event.Description, StringComparison.Ordinal);

        Assert.All(events, e =>
        {
            Assert.Equal(e.Date, PartialDate.Parse(e.Date.Text));
            Assert.True(e.EndDate is null || e.EndDate.Upper >= e.Date.Lower, e.Title);
            Assert.Equal(IldArticleSeed.IldId, e.DepartmentId);
        });
        Assert.Equal(events.Select(e => e.Date).Order(), events.Select(e => e.Date));

        var institutions = Seeded.Institutions().ToDictionary(i => i.Id, i => i.Name);
        Assert.Equal(["Chinese Association for International Understanding"], Get("caiu-1981").Event.InstitutionIds.Select(id => institutions[id]));
        Assert.Equal(["China Center for Contemporary World Studies"], Get("cccws-2010").Event.InstitutionIds.Select(id => institutions[id]));
        Assert.Equal(["Julius Nyerere Leadership School"], Get("nyerere-school-2022").Event.InstitutionIds.Select(id => institutions[id]));
    }

    [Fact]
    public void LinksAreTheArticlesWithTheirDates()
    {
        var links = Seeded.OrgLinks().ToDictionary(l => l.Id);
        (OrgLinkKind, Guid, string?) Get(string key) => links[IldArticleSeed.OrgLinkId(key)] is var l ? (l.Kind, l.ToId, l.Start?.Text) : default;

        Assert.Equal(5, links.Count);
        Assert.Equal((OrgLinkKind.PartOf, IldArticleSeed.CentralCommitteeId, "1951"), Get("ild:part-of:ccp-central-committee"));
        Assert.Equal((OrgLinkKind.EstablishedBy, IldArticleSeed.IldId, "1981"), Get("caiu:established-by:ild"));
        Assert.Equal((OrgLinkKind.EstablishedBy, IldArticleSeed.IldId, "2010"), Get("cccws:established-by:ild"));
        Assert.Equal((OrgLinkKind.FundedBy, IldArticleSeed.IldId, "2022-02"), Get("julius-nyerere-leadership-school:funded-by:ild"));
        Assert.Equal((OrgLinkKind.FundedBy, IldArticleSeed.CentralPartySchoolId, "2022-02"), Get("julius-nyerere-leadership-school:funded-by:ccp-central-party-school"));
        Assert.All(links.Values, l => Assert.Equal(EndStatus.Ongoing, l.EndStatus));
    }

    [Fact]
    public void EveryRecordCitesTheArticleWithAVerbatimQuote()
    {
        var article = File.ReadAllText(ArticlePath).ReplaceLineEndings("\n");
        var sources = Seeded.Sources().ToDictionary(s => s.Id);
        var articleSource = sources[ArticleSource.Id];
        Assert.Equal((ArticleSource.Title, ArticleSource.Url, "Wikipedia", "en", SourceWeight.Medium), (articleSource.Title, articleSource.Url, articleSource.Publisher, articleSource.Language, articleSource.Weight));

        foreach (var entity in AllRecords())
        {
            // Issue 12: one source record cited many times, never its title and address copied into the citation.
            Assert.Contains(entity.Sources, s => s.SourceId == ArticleSource.Id);
            var citations = entity.Sources.Concat(entity.Claims.SelectMany(c => c.Sources)).ToList();
            Assert.All(citations, s =>
            {
                Assert.NotNull(s.SourceId);
                Assert.True(sources.ContainsKey(s.SourceId!.Value), $"{entity.GetType().Name} {entity.Id} cites an unknown source {s.SourceId}");
                Assert.True(s.Title is null && s.Url is null && s.Weight is null, "A citation of a source record keeps no copy of it.");
            });

            // The other citations (of the article's leaders) are the dated news: attested by the source's date or their own.
            Assert.All(citations.Where(s => s.SourceId != ArticleSource.Id), s => Assert.True(s.Attested is not null || sources[s.SourceId!.Value].Published is not null));
            foreach (var source in citations.Where(s => s.SourceId == ArticleSource.Id))
            {
                Assert.Equal("202X", source.Attested);
                Assert.Equal("2025-09-30", source.AttestedNotBefore);
                Assert.Equal("2026-11-27", source.AttestedNotAfter);
                Assert.False(string.IsNullOrWhiteSpace(source.Quote));
                Assert.True(
                    article.Contains(source.Quote, StringComparison.Ordinal),
                    $"{entity.GetType().Name} {entity.Id}: quote not in the article: {source.Quote}");
            }
        }
    }

    [Fact]
    public void IdsAreUniqueAndStableAcrossCalls()
    {
        var first = AllRecords().Select(e => e.Id).ToList();
        var second = AllRecords().Select(e => e.Id).ToList();

        Assert.Equal(first, second);
        Assert.Equal(first.Count, first.Distinct().Count());
        Assert.DoesNotContain(Guid.Empty, first);
        Assert.NotSame(Seeded.Departments()[0], Seeded.Departments()[0]);

        // Pinned: changing the namespace or a key would orphan every seeded row in existing databases.
        Assert.Equal(new Guid("35803076-de1e-5a98-a1c2-b46b631f6ac9"), SeedIds.For("department:ild"));
        Assert.Equal(SeedIds.For("department:ild"), IldArticleSeed.IldId);
    }

    [Fact]
    public void EveryForeignKeyPointsAtASeededRecord()
    {
        var departments = Seeded.Departments().Select(d => d.Id).ToHashSet();
        var people = Seeded.People().Select(p => p.Id).ToHashSet();
        var bureaus = Seeded.Bureaus().Select(b => b.Id).ToHashSet();
        var institutions = Seeded.Institutions().Select(i => i.Id).ToHashSet();

        Assert.All(Seeded.Departments(), d => Assert.True(d.ParentId is null || departments.Contains(d.ParentId.Value), d.Slug));
        Assert.All(Seeded.Leaders(), l => Assert.True(departments.Contains(l.DepartmentId) && people.Contains(l.PersonId)));
        Assert.All(Seeded.Bureaus(), b => Assert.True(
            departments.Contains(b.DepartmentId) && (b.ParentBureauId is null || bureaus.Contains(b.ParentBureauId.Value))));
        Assert.All(Seeded.Institutions(), i => Assert.Contains(i.DepartmentId, departments));
        Assert.All(Seeded.Events(), e =>
        {
            Assert.Contains(e.DepartmentId, departments);
            Assert.All(e.InstitutionIds, id => Assert.Contains(id, institutions));
            Assert.All(e.PersonIds, id => Assert.Contains(id, people));
        });

        var bodies = departments.Concat(bureaus).Concat(institutions).ToHashSet();
        Assert.All(Seeded.OrgLinks(), l => Assert.True(bodies.Contains(l.FromId) && bodies.Contains(l.ToId), l.Id.ToString()));

        // Foreign keys are set by id, not through navigations the DbContext would try to insert again.
        Assert.All(Seeded.Departments(), d => Assert.Null(d.Parent));
        Assert.All(Seeded.Leaders(), l => Assert.True(l.Department is null && l.Person is null));
    }

    private static IEnumerable<Entity> AllRecords() =>
        [
            .. Seeded.Departments(),
            .. Seeded.People(),
            .. Seeded.Leaders(),
            .. Seeded.Bureaus(),
            .. Seeded.Institutions(),
            .. Seeded.Events(),
            .. Seeded.OrgLinks(),
        ];

    /// <summary>The records of <c>data/seed/ild-article.json</c> as the import reads them (fresh instances on every call).</summary>
    private static class Seeded
    {
        public static List<SourceDocument> Sources() => EmbeddedSeed.Records(new SourceResource(), IldArticleSeed.File);

        public static List<Department> Departments() => EmbeddedSeed.Records(new DepartmentResource(), IldArticleSeed.File);

        public static List<Person> People() => EmbeddedSeed.Records(new PersonResource(), IldArticleSeed.File);

        public static List<Leader> Leaders() => EmbeddedSeed.Records(new LeaderResource(), IldArticleSeed.File);

        public static List<Bureau> Bureaus() => EmbeddedSeed.Records(new BureauResource(), IldArticleSeed.File);

        public static List<Institution> Institutions() => EmbeddedSeed.Records(new InstitutionResource(), IldArticleSeed.File);

        public static List<HistoricalEvent> Events() => EmbeddedSeed.Records(new EventResource(), IldArticleSeed.File);

        public static List<OrgLink> OrgLinks() => EmbeddedSeed.Records(new OrgLinkResource(), IldArticleSeed.File);
    }

    private sealed record HistoricalEventView(HistoricalEvent Event)
    {
        public (string Date, EventKind Kind) DateAndKind => (Event.Date.Text, Event.Kind);
    }
}
