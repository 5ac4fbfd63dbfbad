using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using IldRegistry.Api.Features.Bureaus;
using IldRegistry.Api.Features.Departments;
using IldRegistry.Api.Features.Institutions;
using IldRegistry.Api.Features.Leaders;
using IldRegistry.Api.Features.OrgLinks;
using IldRegistry.Api.Features.People;
using IldRegistry.Domain.Common;
using IldRegistry.Domain.Institutions;

namespace IldRegistry.Api.Features.Export;

/// <summary>
/// The registry in Popolo (popoloproject.com): the one place that maps records to Popolo's persons, organizations, posts
/// and memberships. Departments, bureaus and institutions are organizations (<c>classification</c>
/// <c>department</c>, <c>unit</c>, <c>institution</c>; <c>parent_id</c> the containing department or unit); a
/// leader post is a membership of its person in its department holding a post (one post per department and title).
/// <para>Popolo's dates are plain ISO dates (<c>1951</c>, <c>1966-03</c>, <c>1951-01-18</c>): only a known, unqualified
/// date is written as <c>start_date</c>, <c>end_date</c>, <c>founding_date</c>, <c>dissolution_date</c>. An unknown or
/// ongoing end, an uncertain date (<c>1981~</c>, <c>198X</c>), bounds, the post's rank and every source's
/// full citation (title, quote, attestation, weight) go in the record's <c>ildregistry</c> extension object, which
/// Popolo's schemas allow (they forbid no additional properties). A source with a URL is also a Popolo link in
/// <c>sources</c>; each other name carries its language as an extension field <c>lang</c>. Events are not in Popolo.</para>
/// <para>Nor are dated links between organisations (popolo-spec #27, "can't represent changes in organizational
/// hierarchy"): an organization's <c>parent_id</c> stays its record's parent, and every link goes, in the shape of a
/// Popolo relation (<c>organization_id</c> the <c>from</c> end, <c>other_organization_id</c> the <c>to</c> end,
/// <c>classification</c> its kind, Popolo dates where they are plain), into the document's own extension section
/// <see cref="LinkSection"/>; a current PartOf link (its end ongoing) also carries the <c>parent_id</c> it stands for.</para>
/// </summary>
internal static partial class PopoloMapping
{
    public const string Extension = "ildregistry";

    /// <summary>The document's section of links between organisations, which Popolo has no object for.</summary>
    public const string LinkSection = Extension + "_org_links";

    /// <summary>The array sections of the document, in the order they are written (the posts follow, gathered from the memberships).</summary>
    public static IReadOnlyList<string> Sections { get; } = ["persons", "organizations", "memberships", LinkSection];

    /// <summary>The Popolo section a resource's records go to, by its request type, or null for one Popolo has no place for.</summary>
    public static string? SectionOf(Type requestType) =>
        requestType == typeof(PersonRequest) ? "persons"
        : requestType == typeof(DepartmentRequest) || requestType == typeof(BureauRequest) || requestType == typeof(InstitutionRequest) ? "organizations"
        : requestType == typeof(LeaderRequest) ? "memberships"
        : requestType == typeof(OrgLinkRequest) ? LinkSection
        : null;

    /// <summary>A record as its Popolo object (in the section <see cref="SectionOf"/> names), or null for a resource Popolo has no place for.</summary>
    public static JsonObject? Map(Guid id, object record) => record switch
    {
        PersonRequest p => Person(id, p),
        DepartmentRequest d => Organization(id, d.Name, "department", d.ParentId, d.OtherNames, d.Identifiers, d.Sources, d.Established, d.Dissolved, d.NativeName, d.RomanizedName, d.ShortName),
        BureauRequest b => Organization(id, b.Name, "unit", b.ParentBureauId ?? b.DepartmentId, b.AlternateName is null ? [] : [new OtherName { Name = b.AlternateName, Kind = NameKind.Alternative }], [], b.Sources, null, null, null, null, null, b.Kind?.ToString()),
        InstitutionRequest i => Organization(id, i.Name, "institution", i.Kind == InstitutionKind.ChildAgency ? i.DepartmentId : null, i.OtherNames, i.Identifiers, i.Sources, i.Established, null, i.NativeName, null, null, i.Kind?.ToString(), i.Kind == InstitutionKind.ChildAgency ? null : i.DepartmentId),
        LeaderRequest l => Membership(id, l),
        OrgLinkRequest l => Link(id, l),
        _ => null,
    };

    /// <summary>The post a leader post's membership holds: one per department and title, with a stable id.</summary>
    public static (string Id, JsonObject Post) PostOf(LeaderRequest leader)
    {
        var id = PostId(leader);
        return (id, new JsonObject
        {
            ["id"] = id,
            ["label"] = leader.Title,
            ["role"] = leader.Title,
            ["organization_id"] = leader.DepartmentId.ToString(),
        });
    }

    private static string PostId(LeaderRequest leader) =>
        $"post:{leader.DepartmentId}:{leader.Title.Trim().ToLowerInvariant().Replace(' ', '-')}";

    private static JsonObject Person(Guid id, PersonRequest p)
    {
        var person = new JsonObject
        {
            ["id"] = id.ToString(),
            ["name"] = p.Name,
            ["other_names"] = OtherNames(p.OtherNames, p.NativeName, p.RomanizedName, null),
            ["identifiers"] = Identifiers(p.Identifiers),
            ["sources"] = Links(p.Sources),
        };
        if (p.Notes is not null)
        {
            person["summary"] = p.Notes;
        }

        person[Extension] = new JsonObject { ["sources"] = Citations(p.Sources) };
        return person;
    }

    private static JsonObject Organization(
        Guid id, string name, string classification, Guid? parentId, IEnumerable<OtherName> otherNames, IEnumerable<Identifier> identifiers,
        IEnumerable<Source> sources, PartialDate? founded, PartialDate? dissolved, string? nativeName, string? romanizedName, string? shortName,
        string? kind = null, Guid? relatedDepartment = null)
    {
        var organization = new JsonObject
        {
            ["id"] = id.ToString(),
            ["name"] = name,
            ["classification"] = classification,
            ["other_names"] = OtherNames(otherNames, nativeName, romanizedName, shortName),
            ["identifiers"] = Identifiers(identifiers),
            ["sources"] = Links(sources),
        };
        if (parentId is { } parent)
        {
            organization["parent_id"] = parent.ToString();
        }

        Date(organization, "founding_date", founded);
        Date(organization, "dissolution_date", dissolved);
        var extension = new JsonObject { ["sources"] = Citations(sources) };
        Put(extension, "kind", kind);
        Put(extension, "established", founded?.Text);
        Put(extension, "dissolved", dissolved?.Text);
        Put(extension, "departmentId", relatedDepartment?.ToString());
        organization[Extension] = extension;
        return organization;
    }

    private static JsonObject Membership(Guid id, LeaderRequest l)
    {
        var endStatus = l.EndStatus ?? (l.End is null ? EndStatus.Ongoing : EndStatus.Known);
        var membership = new JsonObject
        {
            ["id"] = id.ToString(),
            ["label"] = l.Title,
            ["role"] = l.Title,
            ["person_id"] = l.PersonId.ToString(),
            ["organization_id"] = l.DepartmentId.ToString(),
            ["post_id"] = PostId(l),
            ["sources"] = Links(l.Sources),
        };
        Date(membership, "start_date", l.Start);
        if (endStatus == EndStatus.Known)
        {
            Date(membership, "end_date", l.End);
        }

        var extension = new JsonObject
        {
            ["rank"] = l.Rank,
            ["startStatus"] = (l.Start is null ? StartStatus.Unknown : StartStatus.Known).ToString(),
            ["endStatus"] = endStatus.ToString(),
        };
        Put(extension, "start", l.Start?.Text);
        Put(extension, "startNotBefore", l.StartNotBefore?.Text);
        Put(extension, "startNotAfter", l.StartNotAfter?.Text);
        Put(extension, "end", l.End?.Text);
        Put(extension, "endNotBefore", l.EndNotBefore?.Text);
        Put(extension, "endNotAfter", l.EndNotAfter?.Text);
        extension["sources"] = Citations(l.Sources);
        membership[Extension] = extension;
        return membership;
    }

    private static JsonObject Link(Guid id, OrgLinkRequest l)
    {
        var endStatus = l.EndStatus ?? (l.End is null ? EndStatus.Ongoing : EndStatus.Known);
        var link = new JsonObject
        {
            ["id"] = id.ToString(),
            ["classification"] = l.Kind?.ToString(),
            ["organization_id"] = l.FromId.ToString(),
            ["other_organization_id"] = l.ToId.ToString(),
            ["sources"] = Links(l.Sources),
        };
        if (l.Kind == Domain.OrgLinks.OrgLinkKind.PartOf && endStatus == EndStatus.Ongoing)
        {
            link["parent_id"] = l.ToId.ToString();
        }

        Date(link, "start_date", l.Start);
        if (endStatus == EndStatus.Known)
        {
            Date(link, "end_date", l.End);
        }

        var extension = new JsonObject
        {
            ["fromType"] = l.FromType?.ToString(),
            ["toType"] = l.ToType?.ToString(),
            ["startStatus"] = (l.Start is null ? StartStatus.Unknown : StartStatus.Known).ToString(),
            ["endStatus"] = endStatus.ToString(),
        };
        Put(extension, "start", l.Start?.Text);
        Put(extension, "startNotBefore", l.StartNotBefore?.Text);
        Put(extension, "startNotAfter", l.StartNotAfter?.Text);
        Put(extension, "end", l.End?.Text);
        Put(extension, "endNotBefore", l.EndNotBefore?.Text);
        Put(extension, "endNotAfter", l.EndNotAfter?.Text);
        Put(extension, "note", l.Note);
        extension["sources"] = Citations(l.Sources);
        link[Extension] = extension;
        return link;
    }

    private static JsonArray OtherNames(IEnumerable<OtherName> names, string? nativeName, string? romanizedName, string? shortName)
    {
        var all = new JsonArray();
        void Add(string name, string? lang, string note, string? start = null, string? end = null)
        {
            var item = new JsonObject { ["name"] = name, ["note"] = note };
            Put(item, "lang", lang);
            if (PartialDate.TryParse(start, out var s))
            {
                Date(item, "start_date", s);
            }

            if (PartialDate.TryParse(end, out var e))
            {
                Date(item, "end_date", e);
            }

            all.Add(item);
        }

        if (nativeName is not null)
        {
            Add(nativeName, null, nameof(NameKind.Native));
        }

        if (romanizedName is not null)
        {
            Add(romanizedName, "zh-Latn-pinyin", nameof(NameKind.Romanized));
        }

        if (shortName is not null)
        {
            Add(shortName, null, nameof(NameKind.Abbreviation));
        }

        foreach (var name in names)
        {
            Add(name.Name, name.Lang, name.Kind.ToString(), name.Start, name.End);
        }

        return all;
    }

    private static JsonArray Identifiers(IEnumerable<Identifier> identifiers) =>
        [.. identifiers.Select(i => (JsonNode)new JsonObject { ["identifier"] = i.Value, ["scheme"] = i.Scheme })];

    /// <summary>Popolo's sources are links: only a source with a URL can be one (the rest are in the extension).</summary>
    private static JsonArray Links(IEnumerable<Source> sources) =>
        [.. sources.Where(s => s.Url is not null).Select(s => (JsonNode)new JsonObject { ["url"] = s.Url, ["note"] = s.Title })];

    private static JsonArray Citations(IEnumerable<Source> sources) => [.. sources.Select(s =>
    {
        var citation = new JsonObject { ["title"] = s.Title };
        Put(citation, "url", s.Url);
        Put(citation, "publisher", s.Publisher);
        Put(citation, "retrievedOn", s.RetrievedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Put(citation, "quote", s.Quote);
        Put(citation, "language", s.Language);
        Put(citation, "attested", s.Attested);
        Put(citation, "attestedNotBefore", s.AttestedNotBefore);
        Put(citation, "attestedNotAfter", s.AttestedNotAfter);
        Put(citation, "weight", s.Weight?.ToString());
        return (JsonNode)citation;
    })];

    /// <summary>Writes a date Popolo can say: a known one of a year, month or day without EDTF qualifiers.</summary>
    private static void Date(JsonObject target, string field, PartialDate? date)
    {
        if (date is not null && PopoloDate().IsMatch(date.Text))
        {
            target[field] = date.Text;
        }
    }

    private static void Put(JsonObject target, string field, string? value)
    {
        if (value is not null)
        {
            target[field] = value;
        }
    }

    [GeneratedRegex(@"^[0-9]{4}(-[0-9]{2}){0,2}\z", RegexOptions.CultureInvariant)]
    private static partial Regex PopoloDate();
}
