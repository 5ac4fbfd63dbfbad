using System.Globalization;
using System.Text;
using IldRegistry.Api.Features.Search;

namespace IldRegistry.Api.Features.Reconcile;

/// <summary>A type the service reconciles against: one of the registry's resources.</summary>
/// <param name="Id">The type's id in queries and answers (<c>Person</c>).</param>
/// <param name="Name">Its display name.</param>
/// <param name="Description">What its entities are.</param>
/// <param name="Search">The search type that finds its candidates.</param>
/// <param name="Collection">Its collection, for the record's URL (<c>people</c>).</param>
public sealed record ReconcileType(string Id, string Name, string Description, SearchType Search, string Collection);

/// <summary>A property: one that narrows a query (<see cref="Query"/>), one that data extension fetches, or both.</summary>
/// <param name="Id">The property's id (<c>pid</c> in a query, <c>id</c> in an extension).</param>
/// <param name="Name">Its display name.</param>
/// <param name="Description">What it holds.</param>
/// <param name="Types">The types that have it.</param>
/// <param name="Query">Whether a query may name it to narrow the match.</param>
/// <param name="Extend">Whether data extension fetches it.</param>
/// <param name="ValueType">For properties whose values are entities: their type.</param>
public sealed record ReconcileProperty(string Id, string Name, string Description, string[] Types, bool Query, bool Extend, string? ValueType = null);

/// <summary>The types and properties of the reconciliation service, declared once for the manifest, suggest, queries and extension.</summary>
public static class ReconcileCatalog
{
    public const string Person = "Person";
    public const string Department = "Department";
    public const string Bureau = "Bureau";
    public const string Institution = "Institution";

    public static readonly IReadOnlyList<ReconcileType> Types =
    [
        new(Person, "Person", "A person who held a post in a department", SearchType.Person, "people"),
        new(Department, "Department", "A party's international department, its parent or a peer body", SearchType.Department, "departments"),
        new(Bureau, "Bureau", "An internal unit (bureau, office) of a department", SearchType.Bureau, "bureaus"),
        new(Institution, "Institution", "An organisation tied to a department", SearchType.Institution, "institutions"),
    ];

    private static readonly string[] All = [Person, Department, Bureau, Institution];

    public static readonly IReadOnlyList<ReconcileProperty> Properties =
    [
        new("department", "Department", "The department: where a person held a post, a unit's or institution's department, a department's parent. A query gives its id, slug or any of its names.", All, Query: true, Extend: true, ValueType: Department),
        new("title", "Post title", "The title of a post the person held (Head, Deputy Head); compared ignoring case.", [Person], Query: true, Extend: false),
        new("heldOn", "Held on", "A date (1960, 1960-06, 1960-06-01) on which the person is known to have held the post; a post only possibly held then counts half.", [Person], Query: true, Extend: false),
        new("nativeName", "Native name", "The name in its own language and script (王稼祥).", [Person, Department, Institution], Query: false, Extend: true),
        new("otherNames", "Other names", "Other names, each as 'name (language)'.", [Person, Department, Institution], Query: false, Extend: true),
        new("post", "Post", "Each post held: 'title, department, start – end', with unknown and ongoing dates said so.", [Person], Query: false, Extend: true),
        new("postTitle", "Post title", "Each post's title, in the order of 'post'.", [Person], Query: false, Extend: true),
        new("postStart", "Post start", "Each post's start as a partial date (EDTF), 'unknown' when not known, in the order of 'post'.", [Person], Query: false, Extend: true),
        new("postEnd", "Post end", "Each post's end as a partial date (EDTF), 'unknown' or 'ongoing', in the order of 'post'.", [Person], Query: false, Extend: true),
        new("established", "Established", "When it was established, as a partial date (EDTF).", [Department, Institution], Query: false, Extend: true),
        new("parent", "Parent", "The unit it sits under.", [Bureau], Query: false, Extend: true, ValueType: Bureau),
        new("kind", "Kind", "Its kind (RegionalBureau, AffiliatedInstitution, …).", [Bureau, Institution], Query: false, Extend: true),
        new("sources", "Sources", "Each source the record cites: 'title <url>'.", All, Query: false, Extend: true),
    ];

    public static ReconcileType? Type(string id) =>
        Types.FirstOrDefault(t => string.Equals(t.Id, id, StringComparison.OrdinalIgnoreCase));

    public static ReconcileType Of(SearchType search) => Types.First(t => t.Search == search);

    public static ReconcileProperty? Property(string id) =>
        Properties.FirstOrDefault(p => string.Equals(p.Id, id, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// A name as names are compared: lower case, without accents or tone marks, without spaces, hyphens or
    /// apostrophes (<c>Wáng Jiāxiáng</c>, <c>wang jiaxiang</c> and <c>Wang-Jiaxiang</c> are one name).
    /// </summary>
    public static string Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return string.Empty;
        }

        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpaceSeparator or UnicodeCategory.DashPunctuation
                || char.IsWhiteSpace(c) || c is '\'' or '’' or '.')
            {
                continue;
            }

            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString().Normalize(NormalizationForm.FormC);
    }
}
