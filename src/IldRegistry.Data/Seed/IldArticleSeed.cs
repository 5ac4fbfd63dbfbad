using IldRegistry.Domain.Bureaus;
using IldRegistry.Domain.Common;
using IldRegistry.Domain.Departments;
using IldRegistry.Domain.Events;
using IldRegistry.Domain.Institutions;
using IldRegistry.Domain.Leaders;
using IldRegistry.Domain.People;

namespace IldRegistry.Data.Seed;

/// <summary>
/// The registry's first data set: everything the Wikipedia article "International Department of the Chinese Communist
/// Party" (<c>data/sources/ild-article.txt</c>) says, as entities. Every call builds fresh instances with ids from
/// <see cref="SeedIds"/> and foreign keys set by id. Every record cites the article with the sentence or list line that
/// carries the fact; where something comes from general knowledge rather than the article, the record says so.
/// </summary>
public static class IldArticleSeed
{
    public const string IldSlug = "ild";
    public const string CentralCommitteeSlug = "ccp-central-committee";
    public const string CpsuSlug = "cpsu-international-department";
    public const string SedSlug = "sed-international-relations-department";

    public static Guid IldId => SeedIds.For("department:ild");

    public static Guid CentralCommitteeId => SeedIds.For("department:ccp-central-committee");

    public static Guid CpsuId => SeedIds.For("department:cpsu-international-department");

    public static Guid SedId => SeedIds.For("department:sed-international-relations-department");

    public static IReadOnlyList<Department> Departments() =>
    [
        // Parent first, so the list can be inserted in order.
        new Department
        {
            Id = CentralCommitteeId,
            Slug = CentralCommitteeSlug,
            Name = "Central Committee of the Chinese Communist Party",
            OtherNames = [Name("Party Central Committee", NameKind.Alternative)],
            Jurisdiction = "Chinese Communist Party",
            Summary = "The body the ILD belongs to: the article's infobox names it as the parent agency " +
                "(\"Party Central Committee\") and the lead calls the ILD an agency under the Central Committee of the " +
                "Chinese Communist Party. The article says nothing else about it.",
            Sources =
            [
                ArticleSource.Cite(Q.ParentAgency),
                ArticleSource.Cite(Q.Lead),
            ],
        },
        new Department
        {
            Id = IldId,
            Slug = IldSlug,
            Name = "International Department of the Chinese Communist Party",
            ShortName = "ILD",
            NativeName = "中国共产党中央委员会对外联络部",
            RomanizedName = "Zhōngguó Gòngchǎndǎng Zhōngyāng Wěiyuánhuì Duìwài Liánluòbù",
            OtherNames =
            [
                Name("International Department of the Central Committee of the Chinese Communist Party", NameKind.Alternative),
                Name("International Liaison Department", NameKind.Alternative),
                Name("ILD", NameKind.Abbreviation),
                // The article uses this name only inside the name of an affiliated institution.
                Name("Central External Liaison Department", NameKind.Alternative),
            ],
            Jurisdiction = "Chinese Communist Party",
            AgencyType = "Department directly reporting to the Central Committee, Ministerial level agency",
            Headquarters = "4 Fuxing Road, Haidian District, Beijing",
            ParentId = CentralCommitteeId,
            Established = PartialDate.Parse("1951"),
            Summary = Q.Lead,
            Functions = Functions,
            Logo = "Danghui.svg",
            LogoCaption = "Emblem of the Chinese Communist Party",
            Sources =
            [
                ArticleSource.Cite(Q.AgencyName),
                ArticleSource.Cite(Q.NativeName),
                ArticleSource.Cite(Q.RomanizedName),
                ArticleSource.Cite(Q.Lead),
                ArticleSource.Cite(Q.ExternalLiaisonName),
                ArticleSource.Cite(Q.Jurisdiction),
                ArticleSource.Cite(Q.AgencyType),
                ArticleSource.Cite(Q.Headquarters),
                ArticleSource.Cite(Q.ParentAgency),
                ArticleSource.Cite(Q.FoundingHistory),
                ArticleSource.Cite(Q.Logo),
                ArticleSource.Cite(Q.LogoCaption),
                ArticleSource.Cite(Q.FunctionsPrimaryBody),
                ArticleSource.Cite(Q.FunctionsIntelligence),
                ArticleSource.Cite(Q.Brady),
            ],
        },
        new Department
        {
            Id = CpsuId,
            Slug = CpsuSlug,
            Name = "International Department of the Communist Party of the Soviet Union",
            Jurisdiction = "Communist Party of the Soviet Union",
            // The article gives no dates: whether it still exists is not known (not "ongoing").
            DissolvedStatus = EndStatus.Unknown,
            Summary = "Listed under \"See also\" in the article on the ILD; the article gives no further facts about it " +
                "(no dates, no parent).",
            Sources = [ArticleSource.Cite(Q.SeeAlsoCpsu)],
        },
        new Department
        {
            Id = SedId,
            Slug = SedSlug,
            Name = "International Relations Department of the Central Committee of the SED",
            Jurisdiction = "Socialist Unity Party of Germany",
            // The article gives no dates: whether it still exists is not known (not "ongoing").
            DissolvedStatus = EndStatus.Unknown,
            Summary = "Listed under \"See also\" in the article on the ILD, which names it \"International Relations " +
                "Department of the Central Committee of the SED\" and gives no further facts (no dates, no parent). " +
                "The expansion of SED as the Socialist Unity Party of Germany (the jurisdiction) is general knowledge, " +
                "not in the article.",
            Sources = [ArticleSource.Cite(Q.SeeAlsoSed)],
        },
    ];

    public static IReadOnlyList<Person> People() =>
        [.. Posts.Select(p => new Person
        {
            Id = SeedIds.For($"person:{p.Key}"),
            Name = p.Name,
            NativeName = p.NativeName,
            Notes = $"Listed in the article's infobox as {p.Title} of the International Department of the Chinese " +
                "Communist Party; the article gives no dates, native name or biography.",
            Sources = [ArticleSource.Cite(p.NameLine), .. p.Others()],
        })];

    public static IReadOnlyList<Leader> Leaders() =>
        [.. Posts.Select((p, index) => new Leader
        {
            Id = SeedIds.For($"leader:ild:{p.Key}:{Slugify(p.Title)}"),
            DepartmentId = IldId,
            PersonId = SeedIds.For($"person:{p.Key}"),
            Title = p.Title,
            Rank = index + 1,
            Start = p.Start is null ? null : PartialDate.Parse(p.Start),
            End = null,
            // The article attests them now: still serving as of the latest source.
            EndStatus = EndStatus.Ongoing,
            Sources = [ArticleSource.Cite(p.NameLine), ArticleSource.Cite(p.TitleLine), .. p.Others()],
        })];

    public static IReadOnlyList<Bureau> Bureaus() =>
        [.. Units.Select((u, index) => new Bureau
        {
            Id = SeedIds.For($"bureau:ild:{u.Key}"),
            DepartmentId = IldId,
            Name = u.Name,
            AlternateName = u.AlternateName,
            Kind = u.Kind,
            Number = u.Number,
            Region = u.Region,
            SortOrder = index + 1,
            Sources = [ArticleSource.Cite(u.Line)],
        })];

    public static IReadOnlyList<Institution> Institutions() =>
    [
        new Institution
        {
            Id = InstitutionId("caiu"),
            DepartmentId = IldId,
            Name = "Chinese Association for International Understanding",
            // The acronym is not in the article; it is the association's usual English abbreviation.
            OtherNames = [Name("CAIU", NameKind.Abbreviation)],
            Kind = InstitutionKind.ChildAgency,
            Established = PartialDate.Parse("1981"),
            Summary = "A child agency of the ILD (infobox), established by the department in 1981. " +
                "The abbreviation CAIU is not in the article.",
            Sources =
            [
                ArticleSource.Cite("Child1 Agency: Chinese Association for International Understanding"),
                ArticleSource.Cite(Q.Caiu1981),
                ArticleSource.Cite(Q.SeeAlsoCaiu),
            ],
        },
        new Institution
        {
            Id = InstitutionId("cccws"),
            DepartmentId = IldId,
            Name = "China Center for Contemporary World Studies",
            OtherNames = [Name("CCCWS", NameKind.Abbreviation)],
            Kind = InstitutionKind.ChildAgency,
            Established = PartialDate.Parse("2010"),
            Summary = "A think tank established by the ILD in 2010, serving on the secretariat of the Silk Road Think " +
                "Tank Association, which aims to \"enhance positive feelings\" toward the Belt and Road Initiative.",
            Sources =
            [
                ArticleSource.Cite("Child2 Agency: China Center for Contemporary World Studies"),
                ArticleSource.Cite(Q.Cccws2010),
            ],
        },
        new Institution
        {
            Id = InstitutionId("cfpd"),
            DepartmentId = IldId,
            Name = "China Foundation for Peace and Development",
            Kind = InstitutionKind.ChildAgency,
            Summary = "A child agency operated by the ILD. The article does not say when it was founded.",
            Sources =
            [
                ArticleSource.Cite("Child3 Agency: China Foundation for Peace and Development"),
                ArticleSource.Cite(Q.OperatesCfpd),
            ],
        },
        Affiliated("international-exchange-center", "International Exchange Center of the Central External Liaison Department"),
        new Institution
        {
            Id = InstitutionId("center-for-contemporary-world-studies"),
            DepartmentId = IldId,
            Name = "Center for Contemporary World Studies",
            Kind = InstitutionKind.AffiliatedInstitution,
            Summary = "Listed by the article among the directly affiliated institutions. It is likely the same body as " +
                "the China Center for Contemporary World Studies (CCCWS), which the article lists as a child agency; " +
                "the article lists both, so both are kept.",
            Sources = [ArticleSource.Cite("- Center for Contemporary World Studies")],
        },
        Affiliated("china-economic-liaison-center", "China Economic Liaison Center"),
        new Institution
        {
            Id = InstitutionId("service-center"),
            DepartmentId = IldId,
            Name = "Service Center of the International Liaison Department",
            Kind = InstitutionKind.AffiliatedInstitution,
            Summary = "In the article this name stands on its own line, without a list dash, between the items of the " +
                "list of directly affiliated institutions; it is kept as one of them.",
            Sources = [ArticleSource.Cite("Service Center of the International Liaison Department")],
        },
        Affiliated("contemporary-world-magazine", "Contemporary World Magazine"),
        new Institution
        {
            Id = InstitutionId("contemporary-world-publishing"),
            DepartmentId = IldId,
            Name = "Contemporary World Publishing",
            Kind = InstitutionKind.AffiliatedEnterprise,
            Summary = "Listed by the article as the department's directly affiliated enterprise.",
            Sources = [ArticleSource.Cite("- Contemporary World Publishing")],
        },
        new Institution
        {
            Id = InstitutionId("julius-nyerere-leadership-school"),
            DepartmentId = IldId,
            Name = "Julius Nyerere Leadership School",
            Kind = InstitutionKind.FundedInstitution,
            Location = "Tanzania",
            Established = PartialDate.Parse("2022-02"),
            Summary = "A school in Tanzania funded by the ILD and the Central Party School of the Chinese Communist " +
                "Party, with the stated goal of advancing Chinese-African party-to-party relations. It opened in " +
                "February 2022 with US$40 million in funding and is a venue for political and diplomatic exchanges " +
                "between the CCP and African ruling parties, particularly from Tanzania, South Africa, Mozambique, " +
                "Angola, Namibia, and Zimbabwe.",
            Sources = [ArticleSource.Cite(Q.NyerereFunding), ArticleSource.Cite(Q.NyerereOpening)],
        },
    ];

    public static IReadOnlyList<HistoricalEvent> Events() =>
    [
        Event("founding-1951", EventKind.Founding, "1951", null,
            "Department established",
            "The department was established in 1951 and originally tasked with overseeing relations with foreign " +
            "communist parties, especially the Communist Party of the Soviet Union and the socialist bloc.",
            [],
            Q.FoundingHistory, Q.FoundingLead),
        Event("sino-soviet-split", EventKind.MandateChange, "196X?", null,
            "Mandate grows in importance after the Sino-Soviet split",
            "The department's mandate became more important following the Sino-Soviet split, as the party sought " +
            "supporters for its position among communist parties overseas. Date: the article does not date the split " +
            "or this change; it places them after the 1951 founding and before the 1980s. The split is usually dated " +
            "to the early 1960s (general knowledge, not in the article), hence 196X (the 1960s), marked uncertain.",
            [],
            Q.SinoSovietSplit),
        Event("maoist-support", EventKind.Initiative, "196X?", "198X",
            "Support for Maoist parties and revolutionary groups abroad",
            "Under Mao Zedong's leadership the department supported Maoist groups around the world: after the " +
            "Sino-Soviet split it maintained ties between the CCP and Maoist parties, often attempting to foment " +
            "revolution abroad by funneling money and resources to left-wing and rebel groups. Dates: the article gives " +
            "none. It starts \"afterwards\", i.e. after the split (196X?, see that event), and the end is the 1980s " +
            "shift under Deng Xiaoping, when the department \"shed its overtly revolutionary objectives\" (198X). " +
            "Mao's death in 1976, which ended his leadership, is general knowledge and not used here.",
            [],
            Q.MaoLead, Q.MaoistHistory),
        Event("deng-1980s", EventKind.MandateChange, "198X", null,
            "Relations with non-communist parties under Deng Xiaoping",
            "In the 1980s under Deng Xiaoping the department expanded its mission to cultivating relations with " +
            "non-communist parties, shed its overtly revolutionary objectives and sought ties with \"any foreign " +
            "political party that was willing to meet with it.\" The article gives the decade only (198X).",
            [],
            Q.DengLead, Q.DengHistory, Q.DengEra),
        Event("caiu-1981", EventKind.Establishment, "1981", null,
            "Chinese Association for International Understanding established",
            "In 1981 the department established the Chinese Association for International Understanding (CAIU), " +
            "one of its child agencies.",
            [InstitutionId("caiu")],
            Q.Caiu1981),
        Event("end-of-cold-war", EventKind.MandateChange, "1991", null,
            "Broad engagement more important after the Cold War",
            "With the end of the Cold War and the dissolution of the Soviet Union, the ILD's expanded mission of " +
            "engaging with parties across the political spectrum became more important. Date: the article gives no " +
            "year; the dissolution of the Soviet Union in December 1991 is general knowledge, not in the article.",
            [],
            Q.EndOfColdWar),
        Event("outreach-2000s", EventKind.Initiative, "200X", null,
            "Increased global outreach since the early 2000s",
            "Since the early 2000s the ILD has increased its global outreach. The article says \"the early 2000s\" and " +
            "the outreach continues; EDTF level 1 cannot express \"early\", so the date is the decade (200X) " +
            "with no end.",
            [],
            Q.Outreach2000s),
        Event("cccws-2010", EventKind.Establishment, "2010", null,
            "China Center for Contemporary World Studies established",
            "In 2010 the ILD established the China Center for Contemporary World Studies (CCCWS), a think tank " +
            "serving on the secretariat of the Silk Road Think Tank Association, which aims to \"enhance positive " +
            "feelings\" toward the Belt and Road Initiative. The article also lists a \"Center for Contemporary World " +
            "Studies\" among the affiliated institutions, likely the same body; it is not linked here.",
            [InstitutionId("cccws")],
            Q.Cccws2010),
        Event("xi-era", EventKind.MandateChange, "2012", null,
            "Grows in importance under Xi Jinping",
            "The department has grown in importance under the general secretaryship of Xi Jinping as an instrument " +
            "of the foreign policy of China. Date: the article gives none; Xi Jinping became General Secretary in " +
            "November 2012 (general knowledge, not in the article), so the period starts in 2012 at the earliest.",
            [],
            Q.XiEra),
        Event("relations-2019", EventKind.Statistic, "2019", null,
            "Relations with more than 600 parties and organizations in over 160 countries",
            "As of 2019, the department maintains relations with more than 600 political parties and organizations " +
            "from over 160 countries.",
            [],
            Q.Relations2019),
        Event("fourteen-offices", EventKind.Organization, "202X", null,
            "The department has 14 offices, 8 of them regional bureaus",
            "The article states that the department \"has 14 offices, 8 of which are regional bureaus\". This is " +
            "kept as the article's statement and not reconciled with its own list of internal organization, which " +
            "has 17 units (8 of them regional bureaus). Date: the article gives none; the statement is in the " +
            "present tense in a version of the article that reports February 2022, so it was made in the 2020s (202X).",
            [],
            Q.FourteenOffices),
        Event("nyerere-school-2022", EventKind.Initiative, "2022-02", null,
            "Julius Nyerere Leadership School opened",
            "With the stated goal of advancing Chinese-African party-to-party relations, the ILD and the Central " +
            "Party School of the Chinese Communist Party fund the Julius Nyerere Leadership School in Tanzania, " +
            "which opened in February 2022 with US$40 million in funding.",
            [InstitutionId("julius-nyerere-leadership-school")],
            Q.NyerereFunding, Q.NyerereOpening),
    ];

    private const string Functions =
        "The department is the Chinese Communist Party (CCP)'s primary body tasked with conducting diplomacy through " +
        "party-to-party channels. It plays a critical role in China's relations with other communist one-party " +
        "states, including North Korea and Vietnam. The department gathers intelligence on and influences foreign " +
        "political parties, organizations, think tanks, and academics as well being tasked with finding ways to " +
        "divide potential critics. As of 2019, it maintains relations with more than 600 political parties and " +
        "organizations from over 160 countries.\n\n" +
        "Assessment (History section, undated): According to scholar Anne-Marie Brady, the ILD is \"tasked with " +
        "gathering intelligence on foreign politicians and political parties, and developing asset relations with them.\"";

    private static readonly Post[] Posts =
    [
        // Liu Haixing's start and native name: Kyodo, The Straits Times and PTI, 2025-09-30 (data/sources/ild-leadership.md).
        new("liu-haixing", "Liu Haixing", "Head", "Minister1 Name: Liu Haixing", "Minister1 Pfo: Head", "刘海星", "2025-09",
            () => [LeadershipSources.Kyodo2025(), LeadershipSources.StraitsTimes2025(), LeadershipSources.Pti2025()]),
        new("shen-ying", "Shen Ying", "Deputy Head", "Deputyminister1 Name: Shen Ying", "Deputyminister1 Pfo: Deputy Head"),
        // The article's deputies stay undated: two low-weight sources attest Chen Zhou from 2021-01 and Li Mingxiang
        // from 2022-12, as attestations (their start dates wait for claims, which can weigh them).
        new("chen-zhou", "Chen Zhou", "Deputy Head", "Deputyminister2 Name: Chen Zhou", "Deputyminister2 Pfo: Deputy Head", "陈洲", null,
            () => [LeadershipSources.SecretChina2021("2021-01"), LeadershipSources.Renminbao2025("2025-09-09")]),
        new("li-mingxiang", "Li Mingxiang", "Deputy Head", "Deputyminister3 Name: Li Mingxiang", "Deputyminister3 Pfo: Deputy Head", "李明祥", null,
            () => [LeadershipSources.Renminbao2025("2022-12")]),
        new("sun-haiyan", "Sun Haiyan", "Deputy Head", "Deputyminister4 Name: Sun Haiyan", "Deputyminister4 Pfo: Deputy Head"),
        new("lu-kang", "Lu Kang", "Deputy Head", "Deputyminister5 Name: Lu Kang", "Deputyminister5 Pfo: Deputy Head"),
        new("ma-hui", "Ma Hui", "Deputy Head", "Deputyminister6 Name: Ma Hui", "Deputyminister6 Pfo: Deputy Head"),
    ];

    // The article's "Internal organization" list, in its order and spelling ("Western Europe" lacks "Bureau" there).
    private static readonly Unit[] Units =
    [
        new("general-office", "General Office", BureauKind.Office),
        new("research-room", "Research Room", BureauKind.ResearchOffice),
        Regional("first-asia-bureau", "First Asia Bureau", "First Bureau", 1, "First Asia"),
        Regional("second-asia-bureau", "Second Asia Bureau", "Second Bureau", 2, "Second Asia"),
        Regional("west-asia-and-north-africa-bureau", "West Asia and North Africa Bureau", "Third Bureau", 3, "West Asia and North Africa"),
        Regional("africa-bureau", "Africa Bureau", "Fourth Bureau", 4, "Africa"),
        Regional("latin-american-bureau", "Latin American Bureau", "Fifth Bureau", 5, "Latin America"),
        Regional("eastern-europe-and-central-asia-bureau", "Eastern Europe and Central Asia Bureau", "Sixth Bureau", 6, "Eastern Europe and Central Asia"),
        Regional("united-states-bureau", "United States Bureau", "Seventh Bureau", 7, "United States"),
        Regional("western-europe", "Western Europe", "Eighth Bureau", 8, "Western Europe"),
        new("party-and-mass-external-affairs-coordination-bureau", "Party and Mass External Affairs Coordination Bureau", BureauKind.FunctionalBureau),
        new("information-and-communication-bureau", "Information and Communication Bureau", BureauKind.FunctionalBureau),
        new("protocol-bureau", "Protocol Bureau", BureauKind.FunctionalBureau),
        new("cadre-bureau", "Cadre Bureau", BureauKind.FunctionalBureau),
        new("party-committee", "Party Committee", BureauKind.PartyBody),
        new("office-of-international-exchange-coordination", "Office of International Exchange Coordination and Management of Chinese Social Organizations", BureauKind.Office),
        new("information-editorial-office", "Information Editorial Office", BureauKind.Office),
    ];

    private static Guid InstitutionId(string key) => SeedIds.For($"institution:ild:{key}");

    private static OtherName Name(string name, NameKind kind) => new() { Name = name, Lang = "en", Kind = kind };

    private static Unit Regional(string key, string name, string alternateName, int number, string region) =>
        new(key, name, BureauKind.RegionalBureau, alternateName, number, region);

    private static Institution Affiliated(string key, string name) => new()
    {
        Id = InstitutionId(key),
        DepartmentId = IldId,
        Name = name,
        Kind = InstitutionKind.AffiliatedInstitution,
        Summary = "Listed by the article among the department's directly affiliated institutions.",
        Sources = [ArticleSource.Cite($"- {name}")],
    };

    private static HistoricalEvent Event(
        string key, EventKind kind, string date, string? endDate, string title, string description,
        List<Guid> institutionIds, params string[] quotes) => new()
    {
        Id = SeedIds.For($"event:ild:{key}"),
        DepartmentId = IldId,
        Kind = kind,
        Date = PartialDate.Parse(date),
        EndDate = endDate is null ? null : PartialDate.Parse(endDate),
        Title = title,
        Description = description,
        InstitutionIds = institutionIds,
        Sources = [.. quotes.Select(ArticleSource.Cite)],
    };

    private static string Slugify(string text) =>
        string.Join('-', text.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();

    private sealed record Post(
        string Key, string Name, string Title, string NameLine, string TitleLine,
        string? NativeName = null, string? Start = null, Func<Source[]>? OtherSources = null)
    {
        /// <summary>Fresh citations of the sources beside the article, for each record that cites them.</summary>
        public Source[] Others() => OtherSources?.Invoke() ?? [];
    }

    private sealed record Unit(
        string Key, string Name, BureauKind Kind, string? AlternateName = null, int? Number = null, string? Region = null)
    {
        /// <summary>The list line as the article writes it.</summary>
        public string Line => AlternateName is null ? $"- {Name}" : $"- {Name} ({AlternateName})";
    }

    /// <summary>Verbatim sentences and lines of the article.</summary>
    private static class Q
    {
        public const string AgencyName = "Agency Name: International Department of the Chinese Communist Party";
        public const string NativeName = "Nativename A: 中国共产党中央委员会对外联络部";
        public const string RomanizedName = "Nativename R: Zhōngguó Gòngchǎndǎng Zhōngyāng Wěiyuánhuì Duìwài Liánluòbù";
        public const string Logo = "Logo: Danghui.svg";
        public const string LogoCaption = "Logo Caption: Emblem of the Chinese Communist Party";
        public const string Jurisdiction = "Jurisdiction: Chinese Communist Party";
        public const string Headquarters = "Headquarters: 4 Fuxing Road, Haidian District, Beijing";
        public const string ParentAgency = "Parent Agency: Party Central Committee";
        public const string AgencyType = "Agency Type: Department directly reporting to the Central Committee, Ministerial level agency";

        public const string Lead =
            "The International Department of the Central Committee of the Chinese Communist Party, also known as the " +
            "International Liaison Department (ILD), is an agency under the Central Committee of the Chinese Communist " +
            "Party in charge of establishing and maintaining relations with foreign political parties and other foreign " +
            "organizations.";

        public const string FoundingLead =
            "Established in 1951, the international department was originally tasked with overseeing relations with " +
            "foreign communist parties.";

        public const string MaoLead =
            "Under Mao Zedong's leadership, the International Department supported Maoist groups around the world.";

        public const string DengLead =
            "In the 1980s under Deng Xiaoping, the department started cultivating relations with non-communist parties.";

        public const string FoundingHistory =
            "The department was established in 1951, and was tasked with overseeing relations with foreign communist " +
            "parties, especially the Communist Party of the Soviet Union and the socialist bloc.";

        public const string SinoSovietSplit =
            "The department's mandate became more important following the Sino-Soviet split, as the party began more " +
            "aggressively seeking supporters for its position among communist parties operating overseas.";

        public const string MaoistHistory =
            "Afterwards it maintained ties between the CCP and the Maoist parties around the world, often attempting to " +
            "foment revolution abroad by funneling money and resources to left-wing and rebel groups.";

        public const string DengHistory =
            "In the 1980s under Deng Xiaoping, the department expanded its mission to include cultivating relations " +
            "with non-communist parties, and shed its overtly revolutionary objectives.";

        public const string Caiu1981 =
            "In 1981, the department established the Chinese Association for International Understanding.";

        public const string OperatesCfpd = "The department also operates the China Foundation for Peace and Development.";

        public const string DengEra =
            "In this era, the department sought to forge ties with \"any foreign political party that was willing to " +
            "meet with it.\"";

        public const string EndOfColdWar =
            "With the end of the Cold War and dissolution of the Soviet Union, the ILD's expanded mission of engaging " +
            "with parties across the political spectrum became more important.";

        public const string Outreach2000s = "Since the early 2000s, the ILD has increased its global outreach.";

        public const string Brady =
            "According to scholar Anne-Marie Brady, the ILD is \"tasked with gathering intelligence on foreign " +
            "politicians and political parties, and developing asset relations with them.\"";

        public const string Cccws2010 =
            "In 2010, the ILD established the China Center for Contemporary World Studies (CCCWS), a think tank serving " +
            "on the secretariat of the Silk Road Think Tank Association, which aims to \"enhance positive feelings\" " +
            "toward the Belt and Road Initiative.";

        public const string XiEra =
            "The department has grown in importance under the general secretaryship of Xi Jinping as an instrument of " +
            "the foreign policy of China.";

        public const string NyerereFunding =
            "With the stated goal of advancing Chinese-African party-to-party relations, the ILD and Central Party " +
            "School of the Chinese Communist Party fund the Julius Nyerere Leadership School in Tanzania.";

        public const string NyerereOpening =
            "The school opened in February 2022 with US$40 million in funding and is a physical venue for political " +
            "and diplomatic exchanges between the CCP and African ruling parties, particularly from Tanzania, South " +
            "Africa, Mozambique, Angola, Namibia, and Zimbabwe.";

        public const string FunctionsPrimaryBody =
            "The department is the Chinese Communist Party (CCP)'s primary body tasked with conducting diplomacy " +
            "through party-to-party channels.";

        public const string FunctionsIntelligence =
            "The department gathers intelligence on and influences foreign political parties, organizations, think " +
            "tanks, and academics as well being tasked with finding ways to divide potential critics.";

        public const string Relations2019 =
            "As of 2019, it maintains relations with more than 600 political parties and organizations from over 160 " +
            "countries.";

        public const string FourteenOffices = "The department has 14 offices, 8 of which are regional bureaus.";

        public const string ExternalLiaisonName = "- International Exchange Center of the Central External Liaison Department";

        public const string SeeAlsoCaiu = "- Chinese Association for International Understanding";
        public const string SeeAlsoCpsu = "- International Department of the Communist Party of the Soviet Union";
        public const string SeeAlsoSed = "- International Relations Department of the Central Committee of the SED";
    }
}
