using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using IldRegistry.Api.Features.Bureaus;
using IldRegistry.Api.Features.Departments;
using IldRegistry.Api.Features.Institutions;
using IldRegistry.Api.Features.Leaders;
using IldRegistry.Api.Features.People;
using IldRegistry.Domain.Common;
using IldRegistry.Domain.Institutions;

namespace IldRegistry.Api.Features.Export;

/// <summary>
/// The registry in Popolo (popoloproject.com): the one place that maps records to Popolo's persons, organizations, posts
/// and memberships, and back (<c>PopoloMapping.Import.cs</c>). Departments, bureaus and institutions are organizations
/// (<c>classification</c> <c>department</c>, <c>unit</c>, <c>institution</c>; <c>parent_id</c> the containing department
/// or unit); a leader post is a membership of its person in its department holding a post (one post per department and
/// title).
/// <para>Popolo's dates are plain ISO dates (<c>1951</c>, <c>1966-03</c>, <c>1951-01-18</c>): only a known, unqualified
/// date is written as <c>start_date</c>, <c>end_date</c>, <c>founding_date</c>, <c>dissolution_date</c>,
/// <c>birth_date</c>, <c>death_date</c>. Every field of the import format that Popolo's own fields do not carry goes,
/// under its import-format name, in the record's <c>ildregistry</c> extension object, which Popolo's schemas allow: the
/// dates in full (statuses, bounds, uncertain forms such as <c>1981~</c> and <c>198X</c>), the post's rank, the
/// department's slug and other fields, the citations (<c>sources</c>, with source ids, quotes, attestation and weights)
/// and the <c>claims</c>. A source with a URL is also a Popolo link in <c>sources</c>; each other name carries its
/// language as <c>lang</c>. Resources Popolo has no place for (sources, events) are in the document's own
/// <c>ildregistry</c> object, in the import format.</para>
/// </summary>
internal static partial class PopoloMapping
{
    public const string Extension = "ildregistry";

    /// <summary>In an other name's extension: the record's field the name is (<c>nativeName</c>, <c>romanizedName</c>, <c>shortName</c>, <c>alternateName</c>).</summary>
    private const string NameField = "field";

    // An other name's fields that Popolo's own carry: name, lang and (as the note) kind.
    private static readonly string[] NameCarried = ["name", "lang", "kind"];

    private static readonly Lazy<JsonSerializerOptions> Json = new(() =>
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Common.ApiSetup.ConfigureJson(options);
        return options;
    });

    /// <summary>Popolo's classification of each kind of organization.</summary>
    internal static class Classification
    {
        public const string Department = "department";
        public const string Unit = "unit";
        public const string Institution = "institution";
    }

    /// <summary>The Popolo section a resource's records go to, by its request type, or null for one Popolo has no place for.</summary>
    public static string? SectionOf(Type requestType) =>
        requestType == typeof(PersonRequest) ? "persons"
        : requestType == typeof(DepartmentRequest) || requestType == typeof(BureauRequest) || requestType == typeof(InstitutionRequest) ? "organizations"
        : requestType == typeof(LeaderRequest) ? "memberships"
        : null;

    /// <summary>A record as its Popolo object (in the section <see cref="SectionOf"/> names), or null for a resource Popolo has no place for.</summary>
    public static JsonObject? Map(Guid id, object record) => record switch
    {
        PersonRequest p => Person(id, p),
        DepartmentRequest d => Organization(id, d.Name, Classification.Department, d.ParentId, OtherNames(d.OtherNames, d.NativeName, d.RomanizedName, d.ShortName), d.Identifiers, d.Sources, d.Established, d.Dissolved, Rest(d, CarriedBy(d))),
        BureauRequest b => Organization(id, b.Name, Classification.Unit, b.ParentBureauId ?? b.DepartmentId, AlternateName(b.AlternateName), [], b.Sources, b.Established, b.Dissolved, Rest(b, CarriedBy(b))),
        InstitutionRequest i => Organization(id, i.Name, Classification.Institution, i.Kind == InstitutionKind.ChildAgency ? i.DepartmentId : null, OtherNames(i.OtherNames, i.NativeName, null, null), i.Identifiers, i.Sources, i.Established, i.Dissolved, Rest(i, CarriedBy(i))),
        LeaderRequest l => Membership(id, l),
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

        Date(person, "birth_date", p.Born);
        Date(person, "death_date", p.Died);
        person[Extension] = Rest(p, CarriedBy(p));
        return person;
    }

    private static JsonObject Organization(
        Guid id, string name, string classification, Guid? parentId, JsonArray otherNames, IEnumerable<Identifier> identifiers,
        IEnumerable<Source> sources, PartialDate? founded, PartialDate? dissolved, JsonObject extension)
    {
        var organization = new JsonObject
        {
            ["id"] = id.ToString(),
            ["name"] = name,
            ["classification"] = classification,
            ["other_names"] = otherNames,
            ["identifiers"] = Identifiers(identifiers),
            ["sources"] = Links(sources),
        };
        if (parentId is { } parent)
        {
            organization["parent_id"] = parent.ToString();
        }

        Date(organization, "founding_date", founded);
        Date(organization, "dissolution_date", dissolved);
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

        var extension = Rest(l, CarriedBy(l));
        // Said even where the import format leaves them to their defaults, so that a reader of Popolo need not know those.
        extension["startStatus"] = (l.Start is null ? StartStatus.Unknown : StartStatus.Known).ToString();
        extension["endStatus"] = endStatus.ToString();
        membership[Extension] = extension;
        return membership;
    }

    /// <summary>
    /// A record's names as Popolo other names: its native, romanized and short name (each marked in the extension with
    /// the field it is, so that the import puts it back there), then its other names with their language and kind
    /// (<c>note</c>); what Popolo cannot say of a name (an uncertain date, bounds, an end status other than its kind's
    /// default) in the name's own extension.
    /// </summary>
    private static JsonArray OtherNames(IEnumerable<OtherName> names, string? nativeName, string? romanizedName, string? shortName)
    {
        var all = new JsonArray();
        void AddField(string? name, string? lang, NameKind kind, string field)
        {
            if (name is not null)
            {
                var item = new JsonObject { ["name"] = name, ["note"] = kind.ToString() };
                Put(item, "lang", lang);
                item[Extension] = new JsonObject { [NameField] = field };
                all.Add(item);
            }
        }

        AddField(nativeName, null, NameKind.Native, "nativeName");
        AddField(romanizedName, "zh-Latn-pinyin", NameKind.Romanized, "romanizedName");
        AddField(shortName, null, NameKind.Abbreviation, "shortName");
        foreach (var name in names)
        {
            var item = new JsonObject { ["name"] = name.Name, ["note"] = name.Kind.ToString(), ["lang"] = name.Lang };
            var rest = Rest(name, NameCarried);
            if (PartialDate.TryParse(name.Start, out var start) && Date(item, "start_date", start))
            {
                rest.Remove("start");
            }

            if (PartialDate.TryParse(name.End, out var end) && Date(item, "end_date", end))
            {
                rest.Remove("end");
            }

            // What the import would take anyway (the status a name's date and kind imply) is not repeated.
            var implied = new OtherName { Kind = name.Kind, Start = name.Start, End = name.End };
            if (rest["endStatus"]?.GetValue<string>() == implied.EndStatus?.ToString())
            {
                rest.Remove("endStatus");
            }

            if (rest["startStatus"]?.GetValue<string>() == implied.StartStatus?.ToString())
            {
                rest.Remove("startStatus");
            }

            if (rest.Count > 0)
            {
                item[Extension] = rest;
            }

            all.Add(item);
        }

        return all;
    }

    private static JsonArray AlternateName(string? alternateName)
    {
        var names = new JsonArray();
        if (alternateName is not null)
        {
            names.Add(new JsonObject { ["name"] = alternateName, ["note"] = nameof(NameKind.Alternative), [Extension] = new JsonObject { [NameField] = "alternateName" } });
        }

        return names;
    }

    private static JsonArray Identifiers(IEnumerable<Identifier> identifiers) =>
        [.. identifiers.Select(i => (JsonNode)new JsonObject { ["identifier"] = i.Value, ["scheme"] = i.Scheme })];

    /// <summary>Popolo's sources are links: only a source with a URL can be one (the rest are in the extension).</summary>
    private static JsonArray Links(IEnumerable<Source> sources) =>
        [.. sources.Where(s => s.Url is not null).Select(s => (JsonNode)new JsonObject { ["url"] = s.Url, ["note"] = s.Title })];

    private static string[] CarriedBy(object request) => request switch
    {
        BureauRequest b => Carried(typeof(BureauRequest), departmentInParent: b.ParentBureauId is null),
        InstitutionRequest i => Carried(typeof(InstitutionRequest), departmentInParent: i.Kind == InstitutionKind.ChildAgency),
        _ => Carried(request.GetType()),
    };

    /// <summary>
    /// The import-format fields of a request type that Popolo's own fields carry (all others go in the extension):
    /// the names, identifiers and references. A unit's or institution's department is carried by <c>parent_id</c> only
    /// when <paramref name="departmentInParent"/> (a unit under no other unit, a child agency).
    /// </summary>
    private static string[] Carried(Type request, bool departmentInParent = false)
    {
        string[] carried = request == typeof(PersonRequest) ? ["name", "nativeName", "romanizedName", "otherNames", "identifiers", "notes"]
            : request == typeof(DepartmentRequest) ? ["name", "shortName", "nativeName", "romanizedName", "otherNames", "identifiers", "parentId"]
            : request == typeof(BureauRequest) ? ["name", "alternateName", "parentBureauId"]
            : request == typeof(InstitutionRequest) ? ["name", "nativeName", "otherNames", "identifiers"]
            : request == typeof(LeaderRequest) ? ["departmentId", "personId", "title"]
            : [];
        return departmentInParent ? [.. carried, "departmentId"] : carried;
    }

    /// <summary>The value's fields in the import format but those <paramref name="carried"/> elsewhere, without nulls and empty lists (the import's defaults).</summary>
    private static JsonObject Rest(object value, string[] carried)
    {
        var rest = JsonSerializer.SerializeToNode(value, value.GetType(), Json.Value)!.AsObject();
        foreach (var field in carried)
        {
            rest.Remove(field);
        }

        Prune(rest);
        return rest;
    }

    private static void Prune(JsonNode? node)
    {
        if (node is JsonObject obj)
        {
            foreach (var (key, value) in obj.ToList())
            {
                Prune(value);
                if (value is null || value is JsonArray { Count: 0 })
                {
                    obj.Remove(key);
                }
            }
        }
        else if (node is JsonArray array)
        {
            foreach (var item in array)
            {
                Prune(item);
            }
        }
    }

    /// <summary>Writes a date Popolo can say: a known one of a year, month or day without EDTF qualifiers.</summary>
    private static bool Date(JsonObject target, string field, PartialDate? date)
    {
        if (date is not null && PopoloDate().IsMatch(date.Text))
        {
            target[field] = date.Text;
            return true;
        }

        return false;
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
