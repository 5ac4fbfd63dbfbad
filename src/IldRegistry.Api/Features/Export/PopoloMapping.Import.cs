using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using IldRegistry.Api.Common.Resources;
using IldRegistry.Api.Features.Bureaus;
using IldRegistry.Api.Features.Departments;
using IldRegistry.Api.Features.Institutions;
using IldRegistry.Api.Features.Leaders;
using IldRegistry.Api.Features.People;
using IldRegistry.Data.Seed;
using IldRegistry.Domain.Common;
using IldRegistry.Domain.Institutions;

namespace IldRegistry.Api.Features.Export;

/// <summary>
/// The mapping back: a Popolo document read as an export document, so that it goes through the import's one path and
/// rules (see <see cref="Import.ImportService"/>). Each Popolo field is put where the export takes it from; the
/// <c>ildregistry</c> extension of a record gives the fields Popolo does not carry, by their import-format names. A
/// Popolo id that is not a UUID becomes a name-based UUID of it, the same on every import, so that references between
/// the file's records hold and importing a file again finds its records. Where a file from another project says
/// nothing: an organization's end and a membership's end are unknown (not ongoing), a department's slug is made from
/// its name, a membership's rank is its post's place among the file's posts (1000 without a post), an other name's
/// note that names no kind (<c>Abbreviation</c>, <c>Former</c>, <c>Alternative</c>, …) makes it an alternative name and
/// a name without <c>lang</c> is English. Popolo fields the registry cannot hold are refused, never dropped.
/// </summary>
internal static partial class PopoloMapping
{
    private static readonly Guid PopoloIds = new("c89d8f4d-6a8a-43e3-8bbc-9c28fdfe9950");

    private static readonly string[] PersonFields = ["id", "name", "other_names", "identifiers", "summary", "birth_date", "death_date", "sources", Extension];
    private static readonly string[] OrganizationFields = ["id", "name", "classification", "parent_id", "other_names", "identifiers", "founding_date", "dissolution_date", "sources", Extension];
    private static readonly string[] MembershipFields = ["id", "label", "role", "person_id", "organization_id", "post_id", "start_date", "end_date", "sources", Extension];
    private static readonly string[] PostFields = ["id", "label", "role", "organization_id"];
    private static readonly string[] OtherNameFields = ["name", "lang", "note", "start_date", "end_date", Extension];
    private static readonly string[] DocumentFields = ["persons", "organizations", "memberships", "posts", Extension];

    /// <summary>Reads a Popolo document (the body, whose top-level fields arrive as the export document's sections).</summary>
    public static PopoloImport FromPopolo(ExportDocument body) => new Reader(body).Read();

    /// <summary>What <see cref="FromPopolo"/> read: the export document, or the errors keyed by their Popolo path, and where each item came from.</summary>
    internal sealed partial class PopoloImport(ExportDocument document, IReadOnlyDictionary<string, List<string>> errors, IReadOnlyDictionary<string, List<Origin>> origins)
    {
        public ExportDocument Document { get; } = document;

        public IReadOnlyDictionary<string, List<string>> Errors { get; } = errors;

        /// <summary>The import's errors, keyed by the Popolo path of the field (<c>leaders[3].start</c> → <c>memberships[3].start_date</c>), and with the items they name (<c>departments[1]</c>) named by their Popolo path too.</summary>
        public IReadOnlyDictionary<string, List<string>> Translate(IReadOnlyDictionary<string, List<string>> importErrors)
        {
            var translated = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            foreach (var (key, messages) in importErrors)
            {
                var path = PathOf(key);
                if (!translated.TryGetValue(path, out var list))
                {
                    translated[path] = list = [];
                }

                list.AddRange(messages.Select(m => ItemReference().Replace(m, r => OriginOf(r.Groups[1].Value, r.Groups[2].Value)?.Root ?? r.Value)));
            }

            return translated;
        }

        private string PathOf(string key)
        {
            var match = ItemPath().Match(key);
            if (!match.Success || OriginOf(match.Groups[1].Value, match.Groups[2].Value) is not { } origin)
            {
                return key;
            }

            var rest = match.Groups[3].Value;
            return origin.PathOf(rest.StartsWith('.') ? rest[1..] : rest);
        }

        private Origin? OriginOf(string collection, string index) =>
            origins.TryGetValue(collection, out var items) && int.TryParse(index, out var i) && i < items.Count ? items[i] : null;

        [GeneratedRegex(@"^([a-zA-Z]+)\[([0-9]+)\](.*)\z", RegexOptions.CultureInvariant)]
        private static partial Regex ItemPath();

        [GeneratedRegex(@"\b([a-zA-Z]+)\[([0-9]+)\]", RegexOptions.CultureInvariant)]
        private static partial Regex ItemReference();
    }

    /// <summary>
    /// Where one item of the export document came from: its Popolo object, and for each of its fields the Popolo field
    /// it was read from. A field not named came from the extension of the nearest object named as open.
    /// </summary>
    internal sealed class Origin
    {
        private readonly List<(string Field, string Path, bool Open)> _fields;

        public Origin(string root, bool open)
        {
            Root = root;
            _fields = [(string.Empty, root, open)];
        }

        public string Root { get; }

        /// <summary>The field (and everything under it) was read from the Popolo field at <paramref name="path"/>.</summary>
        public void Leaf(string field, string path) => _fields.Add((field, path, false));

        /// <summary>The field is the Popolo object at <paramref name="path"/>; its fields not named came from that object's extension.</summary>
        public void Open(string field, string path) => _fields.Add((field, path, true));

        public string PathOf(string field)
        {
            var (name, path, open) = _fields
                .Where(f => f.Field.Length == 0 || field == f.Field || field.StartsWith(f.Field + ".", StringComparison.Ordinal) || field.StartsWith(f.Field + "[", StringComparison.Ordinal))
                .MaxBy(f => f.Field.Length);
            var rest = field[name.Length..].TrimStart('.');
            if (rest.Length == 0)
            {
                return path;
            }

            return open ? $"{path}.{Extension}.{rest}" : rest[0] == '[' ? path + rest : $"{path}.{rest}";
        }
    }

    private sealed class Reader(ExportDocument body)
    {
        private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);
        private readonly Dictionary<string, JsonArray> _sections = new(StringComparer.Ordinal);
        private readonly Dictionary<string, List<Origin>> _origins = new(StringComparer.Ordinal);
        private readonly Dictionary<string, (string? Classification, string? Parent, string? Department)> _organizations = new(StringComparer.Ordinal);
        private readonly Dictionary<string, (int Index, JsonObject Post)> _posts = new(StringComparer.Ordinal);

        public PopoloImport Read()
        {
            if (body.Format is { Length: > 0 } format && format != ExportFormats.Popolo)
            {
                Error("format", format == ExportDocument.FormatName
                    ? "This is an export in the import format: post it without format=popolo."
                    : "'format' must be 'popolo' or left out in a Popolo document.");
            }

            var sections = body.Sections ?? new Dictionary<string, JsonElement>();
            foreach (var name in sections.Keys.Where(k => !DocumentFields.Contains(k)))
            {
                Error(name, $"'{name}' is not read from a Popolo document: the registry holds {string.Join(", ", DocumentFields)} (and format, exportedAt).");
            }

            var posts = Items(sections, "posts");
            for (var i = 0; i < posts.Count; i++)
            {
                if (ObjectAt(posts[i], $"posts[{i}]", PostFields) is { } post && Id(post, "id", $"posts[{i}]") is { } id)
                {
                    // Checked here once, read below by every membership holding the post.
                    _ = (Text(post, "label", $"posts[{i}]"), Text(post, "role", $"posts[{i}]"), Text(post, "organization_id", $"posts[{i}]"));
                    _posts.TryAdd(id, (i, post));
                }
            }

            Persons(Items(sections, "persons"));
            Organizations(Items(sections, "organizations"));
            Memberships(Items(sections, "memberships"));
            Unmapped(sections.TryGetValue(Extension, out var extension) ? Node(extension, Extension) : null);

            var document = new ExportDocument
            {
                Format = ExportDocument.FormatName,
                Version = ExportDocument.CurrentVersion,
                Sections = _sections.ToDictionary(s => s.Key, s => JsonSerializer.SerializeToElement(s.Value), StringComparer.Ordinal),
            };
            return new PopoloImport(document, _errors, _origins);
        }

        private void Persons(JsonArray persons)
        {
            for (var i = 0; i < persons.Count; i++)
            {
                var path = $"persons[{i}]";
                if (ObjectAt(persons[i], path, PersonFields) is not { } person)
                {
                    continue;
                }

                var (item, origin, extension) = Begin(person, path, Carried(typeof(PersonRequest)));
                Names(person, path, item, origin, ["nativeName", "romanizedName"], list: true);
                Identifiers(person, path, item, origin);
                Field(person, "summary", item, "notes", origin, path);
                DateOf(person, "birth_date", extension, "born", item, origin, path);
                DateOf(person, "death_date", extension, "died", item, origin, path);
                Add(typeof(PersonRequest), person, path, item, origin, extension);
            }
        }

        private void Organizations(JsonArray organizations)
        {
            // First what each is, so that a unit finds whether its parent is a unit or a department wherever it stands.
            for (var i = 0; i < organizations.Count; i++)
            {
                if (organizations[i] is JsonObject o && Peek(o, "id") is { } text)
                {
                    _organizations.TryAdd(IdOf(text), (Peek(o, "classification"), Peek(o, "parent_id") is { } p ? IdOf(p) : null, (o[Extension] as JsonObject)?["departmentId"]?.ToString()));
                }
            }

            for (var i = 0; i < organizations.Count; i++)
            {
                var path = $"organizations[{i}]";
                if (ObjectAt(organizations[i], path, OrganizationFields) is not { } organization)
                {
                    continue;
                }

                var classification = Text(organization, "classification", path);
                var parent = Id(organization, "parent_id", path);
                var type = classification switch
                {
                    Classification.Department => typeof(DepartmentRequest),
                    Classification.Unit => typeof(BureauRequest),
                    Classification.Institution => typeof(InstitutionRequest),
                    _ => null,
                };
                if (type is null)
                {
                    Error($"{path}.classification", classification is null
                        ? "'classification' is required: department, unit or institution."
                        : $"'{classification}' is not a classification the registry holds: department, unit or institution.");
                    continue;
                }

                var parentIsUnit = parent is not null && _organizations.TryGetValue(parent, out var p) && p.Classification == Classification.Unit;
                var departmentInParent = type == typeof(BureauRequest) ? parent is not null && !parentIsUnit : type == typeof(InstitutionRequest) && parent is not null;
                var (item, origin, extension) = Begin(organization, path, Carried(type, departmentInParent));
                if (type == typeof(DepartmentRequest))
                {
                    Names(organization, path, item, origin, ["nativeName", "romanizedName", "shortName"], list: true);
                    Identifiers(organization, path, item, origin);
                    Reference(item, "parentId", parent, origin, $"{path}.parent_id", always: true);
                    if (!extension.ContainsKey("slug"))
                    {
                        item["slug"] = Slug(Text(organization, "name", path));
                        origin.Leaf("slug", $"{path}.name");
                    }
                }
                else if (type == typeof(BureauRequest))
                {
                    Names(organization, path, item, origin, ["alternateName"], list: false);
                    if (organization["identifiers"] is JsonArray { Count: > 0 })
                    {
                        Error($"{path}.identifiers", "A unit has no identifiers in the registry: leave them out.");
                    }

                    Reference(item, parentIsUnit ? "parentBureauId" : "departmentId", parent, origin, $"{path}.parent_id", always: !parentIsUnit && !extension.ContainsKey("departmentId"));
                    if (parentIsUnit && !extension.ContainsKey("departmentId"))
                    {
                        Reference(item, "departmentId", DepartmentOf(parent!), origin, $"{path}.parent_id");
                    }
                }
                else
                {
                    Names(organization, path, item, origin, ["nativeName"], list: true);
                    Identifiers(organization, path, item, origin);
                    Reference(item, "departmentId", parent, origin, $"{path}.parent_id");
                    if (parent is not null && !extension.ContainsKey("kind"))
                    {
                        // Only a child agency sits under its department (the export's rule for parent_id).
                        item["kind"] = nameof(InstitutionKind.ChildAgency);
                        origin.Leaf("kind", $"{path}.parent_id");
                    }
                }

                DateOf(organization, "founding_date", extension, "established", item, origin, path);
                DateOf(organization, "dissolution_date", extension, "dissolved", item, origin, path);
                if (!extension.ContainsKey("dissolved") && !extension.ContainsKey("dissolvedStatus") && organization["dissolution_date"] is null)
                {
                    item["dissolvedStatus"] = nameof(EndStatus.Unknown);
                    origin.Leaf("dissolvedStatus", $"{path}.dissolution_date");
                }

                Add(type, organization, path, item, origin, extension);
            }
        }

        private void Memberships(JsonArray memberships)
        {
            for (var i = 0; i < memberships.Count; i++)
            {
                var path = $"memberships[{i}]";
                if (ObjectAt(memberships[i], path, MembershipFields) is not { } membership)
                {
                    continue;
                }

                var (item, origin, extension) = Begin(membership, path, Carried(typeof(LeaderRequest)));
                (int Index, JsonObject Post)? post = null;
                if (Id(membership, "post_id", path) is { } postId)
                {
                    if (_posts.TryGetValue(postId, out var found))
                    {
                        post = found;
                    }
                    else
                    {
                        Error($"{path}.post_id", $"No post '{Text(membership, "post_id", path)}' is in the document's posts.");
                    }
                }

                var postPath = post is { } held ? $"posts[{held.Index}]" : null;
                Reference(item, "personId", Id(membership, "person_id", path), origin, $"{path}.person_id", always: true);
                var organization = Id(membership, "organization_id", path);
                if (organization is not null || post is null)
                {
                    Reference(item, "departmentId", organization, origin, $"{path}.organization_id", always: true);
                }
                else
                {
                    Reference(item, "departmentId", Peek(post.Value.Post, "organization_id") is { } postOrganization ? IdOf(postOrganization) : null, origin, $"{postPath}.organization_id", always: true);
                }

                var titles = new List<(string? Title, string Path)>
                {
                    (Text(membership, "role", path), $"{path}.role"),
                    (Text(membership, "label", path), $"{path}.label"),
                };
                if (post is { } titled)
                {
                    titles.Add((Peek(titled.Post, "role"), $"{postPath}.role"));
                    titles.Add((Peek(titled.Post, "label"), $"{postPath}.label"));
                }

                if (titles.FirstOrDefault(t => t.Title is not null) is { Title: { } title } named)
                {
                    item["title"] = title;
                    origin.Leaf("title", named.Path);
                }
                else
                {
                    Error($"{path}.role", "A membership needs its post's title: 'role' or 'label', here or on its post.");
                }

                DateOf(membership, "start_date", extension, "start", item, origin, path);
                DateOf(membership, "end_date", extension, "end", item, origin, path);
                if (!extension.ContainsKey("end") && !extension.ContainsKey("endStatus") && membership["end_date"] is null)
                {
                    // Popolo without an end says nothing of one: unknown, not ongoing.
                    item["endStatus"] = nameof(EndStatus.Unknown);
                    origin.Leaf("endStatus", $"{path}.end_date");
                }

                if (!extension.ContainsKey("rank"))
                {
                    item["rank"] = post is { } ranked ? Math.Min(ranked.Index + 1, 1000) : 1000;
                    origin.Leaf("rank", post is null ? path : $"{path}.post_id");
                }

                Add(typeof(LeaderRequest), membership, path, item, origin, extension);
            }
        }

        /// <summary>The document's own extension: the sections of the resources Popolo has no place for, in the import format.</summary>
        private void Unmapped(JsonNode? extension)
        {
            if (extension is null)
            {
                return;
            }

            if (extension is not JsonObject sections)
            {
                Error(Extension, "'ildregistry' must be an object of sections in the import format (sources, events, orgLinks).");
                return;
            }

            var unmapped = ResourceRegistry.Instance.All.Where(r => SectionOf(r.RequestType) is null).Select(r => r.Collection).ToList();
            foreach (var (name, value) in sections)
            {
                var path = $"{Extension}.{name}";
                if (!unmapped.Contains(name))
                {
                    Error(path, $"'{name}' is not a section the document's extension holds: {string.Join(", ", unmapped)}.");
                    continue;
                }

                if (value is not JsonArray items)
                {
                    Error(path, $"'{name}' must be an array of records.");
                    continue;
                }

                var section = SectionFor(name);
                for (var i = 0; i < items.Count; i++)
                {
                    section.Items.Add(items[i]?.DeepClone());
                    section.Origins.Add(new Origin($"{path}[{i}]", open: false));
                }
            }
        }

        /// <summary>An item in the making: its id and name read, its extension checked (none of the fields Popolo's own carry).</summary>
        private (JsonObject Item, Origin Origin, JsonObject Extension) Begin(JsonObject popolo, string path, string[] carried)
        {
            var origin = new Origin(path, open: true);
            var extension = new JsonObject();
            if (popolo[Extension] is JsonObject given)
            {
                extension = given.DeepClone().AsObject();
            }
            else if (popolo[Extension] is not null)
            {
                Error($"{path}.{Extension}", "'ildregistry' must be an object: the record's fields Popolo does not carry, by their import-format names.");
            }

            foreach (var field in carried.Where(extension.ContainsKey))
            {
                Error($"{path}.{Extension}.{field}", $"'{field}' is carried by Popolo's own fields here: leave it out of 'ildregistry'.");
                extension.Remove(field);
            }

            var item = new JsonObject();
            if (Id(popolo, "id", path) is { } id)
            {
                item["id"] = id;
            }

            origin.Leaf("id", $"{path}.id");
            if (carried.Contains("name"))
            {
                item["name"] = popolo["name"]?.DeepClone();
                origin.Leaf("name", $"{path}.name");
            }

            return (item, origin, extension);
        }

        /// <summary>Adds the item, with its sources and the extension's fields, to its resource's section.</summary>
        private void Add(Type requestType, JsonObject popolo, string path, JsonObject item, Origin origin, JsonObject extension)
        {
            if (!extension.ContainsKey("sources"))
            {
                Links(popolo, path, item, origin);
            }

            foreach (var (field, value) in extension)
            {
                item[field] = value?.DeepClone();
            }

            var section = SectionFor(ResourceRegistry.Instance.All.First(r => r.RequestType == requestType).Collection);
            section.Items.Add(item);
            section.Origins.Add(origin);
        }

        private (JsonArray Items, List<Origin> Origins) SectionFor(string collection)
        {
            if (!_sections.TryGetValue(collection, out var items))
            {
                _sections[collection] = items = [];
                _origins[collection] = [];
            }

            return (items, _origins[collection]);
        }

        /// <summary>Other names: the record's own name fields (marked so in the name's extension), the rest its other names.</summary>
        private void Names(JsonObject popolo, string path, JsonObject item, Origin origin, string[] fields, bool list)
        {
            var otherNames = new JsonArray();
            var names = ArrayAt(popolo, "other_names", path);
            for (var j = 0; j < names.Count; j++)
            {
                var namePath = $"{path}.other_names[{j}]";
                if (ObjectAt(names[j], namePath, OtherNameFields) is not { } name)
                {
                    continue;
                }

                var (_, _, extension) = Begin(name, namePath, NameCarried);
                var field = extension[NameField]?.ToString() ?? (list ? null : fields[0]);
                extension.Remove(NameField);
                if (field is not null)
                {
                    if (!fields.Contains(field))
                    {
                        Error($"{namePath}.{Extension}.{NameField}", $"'{field}' is not a name field here: {string.Join(", ", fields)}.");
                    }
                    else if (item.ContainsKey(field))
                    {
                        Error(namePath, list ? $"A second name for '{field}'." : $"A unit has one other name (its {field}).");
                    }
                    else
                    {
                        item[field] = name["name"]?.DeepClone();
                        origin.Leaf(field, $"{namePath}.name");
                    }

                    continue;
                }

                var index = otherNames.Count;
                var prefix = $"otherNames[{index}]";
                var other = new JsonObject { ["name"] = name["name"]?.DeepClone(), ["kind"] = KindOf(Text(name, "note", namePath)) };
                origin.Open(prefix, namePath);
                origin.Leaf($"{prefix}.name", $"{namePath}.name");
                origin.Leaf($"{prefix}.kind", $"{namePath}.note");
                Field(name, "lang", other, "lang", origin, namePath, prefix);
                DateOf(name, "start_date", extension, "start", other, origin, namePath, prefix);
                DateOf(name, "end_date", extension, "end", other, origin, namePath, prefix);
                foreach (var (key, value) in extension)
                {
                    other[key] = value?.DeepClone();
                }

                otherNames.Add(other);
            }

            if (list)
            {
                item["otherNames"] = otherNames;
            }
        }

        /// <summary>The kind an other name's note names, or <c>Alternative</c> for a note that names none (a file from another project).</summary>
        private static string KindOf(string? note) =>
            Enum.GetNames<NameKind>().FirstOrDefault(n => string.Equals(n, note, StringComparison.OrdinalIgnoreCase)) ?? nameof(NameKind.Alternative);

        private void Identifiers(JsonObject popolo, string path, JsonObject item, Origin origin)
        {
            var identifiers = new JsonArray();
            var given = ArrayAt(popolo, "identifiers", path);
            for (var k = 0; k < given.Count; k++)
            {
                var identifierPath = $"{path}.identifiers[{k}]";
                if (ObjectAt(given[k], identifierPath, ["identifier", "scheme"]) is { } identifier)
                {
                    origin.Leaf($"identifiers[{identifiers.Count}]", identifierPath);
                    origin.Leaf($"identifiers[{identifiers.Count}].value", $"{identifierPath}.identifier");
                    identifiers.Add(new JsonObject { ["scheme"] = identifier["scheme"]?.DeepClone(), ["value"] = identifier["identifier"]?.DeepClone() });
                }
            }

            item["identifiers"] = identifiers;
        }

        /// <summary>Popolo's source links as citations, for a record without the registry's own (a file from another project).</summary>
        private void Links(JsonObject popolo, string path, JsonObject item, Origin origin)
        {
            var sources = new JsonArray();
            var links = ArrayAt(popolo, "sources", path);
            for (var k = 0; k < links.Count; k++)
            {
                var linkPath = $"{path}.sources[{k}]";
                if (ObjectAt(links[k], linkPath, ["url", "note"]) is { } link)
                {
                    var titled = Text(link, "note", linkPath) is not null;
                    origin.Leaf($"sources[{sources.Count}]", linkPath);
                    origin.Leaf($"sources[{sources.Count}].title", $"{linkPath}.{(titled ? "note" : "url")}");
                    sources.Add(new JsonObject { ["title"] = (titled ? link["note"] : link["url"])?.DeepClone(), ["url"] = link["url"]?.DeepClone() });
                }
            }

            item["sources"] = sources;
        }

        private static void Field(JsonObject popolo, string popoloField, JsonObject item, string field, Origin origin, string path, string? prefix = null)
        {
            if (popolo[popoloField] is { } value)
            {
                item[field] = value.DeepClone();
                origin.Leaf(prefix is null ? field : $"{prefix}.{field}", $"{path}.{popoloField}");
            }
        }

        /// <summary>A Popolo date, unless the extension gives the date in full (Popolo's is then only the plain part of it).</summary>
        private static void DateOf(JsonObject popolo, string popoloField, JsonObject extension, string field, JsonObject item, Origin origin, string path, string? prefix = null)
        {
            if (!extension.ContainsKey(field))
            {
                Field(popolo, popoloField, item, field, origin, path, prefix);
            }
        }

        /// <summary>A reference read from a Popolo field; <paramref name="always"/>: that field answers for it even when it is missing.</summary>
        private static void Reference(JsonObject item, string field, string? id, Origin origin, string path, bool always = false)
        {
            if (id is not null)
            {
                item[field] = id;
            }

            if (id is not null || always)
            {
                origin.Leaf(field, path);
            }
        }

        /// <summary>The department a unit belongs to: up its parents, through units, to the first that is not one (null for a unit without one, or a cycle).</summary>
        private string? DepartmentOf(string unit)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var current = unit; seen.Add(current);)
            {
                if (!_organizations.TryGetValue(current, out var o) || o.Classification != Classification.Unit)
                {
                    // A department, or a record the registry may hold that the file does not.
                    return current;
                }

                if (o.Department is { } department)
                {
                    return department;
                }

                if (o.Parent is not { } next)
                {
                    return null;
                }

                current = next;
            }

            return null;
        }

        private JsonArray Items(Dictionary<string, JsonElement> sections, string name)
        {
            if (!sections.TryGetValue(name, out var element) || element.ValueKind == JsonValueKind.Null)
            {
                return [];
            }

            switch (Node(element, name))
            {
                case JsonArray items:
                    return items;
                case null:
                    return [];
                default:
                    Error(name, $"'{name}' must be an array.");
                    return [];
            }
        }

        private JsonObject? ObjectAt(JsonNode? node, string path, string[] fields)
        {
            if (node is not JsonObject obj)
            {
                Error(path, "Each item must be a JSON object.");
                return null;
            }

            foreach (var (name, _) in obj.Where(f => !fields.Contains(f.Key)))
            {
                Error($"{path}.{name}", $"'{name}' is not a field the registry reads here (it would be lost): the fields read are {string.Join(", ", fields)}.");
            }

            return obj;
        }

        private JsonArray ArrayAt(JsonObject popolo, string field, string path)
        {
            switch (popolo[field])
            {
                case null:
                    return [];
                case JsonArray array:
                    return array;
                default:
                    Error($"{path}.{field}", $"'{field}' must be an array.");
                    return [];
            }
        }

        private string? Text(JsonObject popolo, string field, string path)
        {
            switch (popolo[field])
            {
                case null:
                    return null;
                case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                    return value.GetValue<string>();
                default:
                    Error($"{path}.{field}", $"'{field}' must be a string.");
                    return null;
            }
        }

        /// <summary>A string field, without reporting it when it is not one (read again where it is checked).</summary>
        private static string? Peek(JsonObject popolo, string field) =>
            popolo[field] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

        /// <summary>A Popolo id as the registry's: a UUID as it is, any other string as a name-based UUID of it.</summary>
        private string? Id(JsonObject popolo, string field, string path) => Text(popolo, field, path) is { } text ? IdOf(text) : null;

        private static string IdOf(string text) =>
            Guid.TryParse(text, out var id) ? id.ToString() : text.Length == 0 ? text : SeedIds.Create(PopoloIds, text).ToString();

        private static string? Slug(string? name)
        {
            if (name is null)
            {
                return null;
            }

            var slug = string.Join('-', NotSlug().Split(name.ToLowerInvariant()).Where(w => w.Length > 0));
            return slug.Length == 0 ? null : slug;
        }

        /// <summary>The element as nodes, each object read through now (a name twice in one object is an error here, not later).</summary>
        private JsonNode? Node(JsonElement element, string path)
        {
            var node = JsonNode.Parse(element.GetRawText());
            try
            {
                Touch(node);
                return node;
            }
            catch (ArgumentException)
            {
                Error(path, "A field appears twice in one object.");
                return null;
            }

            static void Touch(JsonNode? node)
            {
                if (node is JsonObject obj)
                {
                    foreach (var (_, value) in obj)
                    {
                        Touch(value);
                    }
                }
                else if (node is JsonArray array)
                {
                    foreach (var item in array)
                    {
                        Touch(item);
                    }
                }
            }
        }

        private void Error(string path, string message)
        {
            if (!_errors.TryGetValue(path, out var messages))
            {
                _errors[path] = messages = [];
            }

            messages.Add(message);
        }
    }

    [GeneratedRegex("[^a-z0-9]+", RegexOptions.CultureInvariant)]
    private static partial Regex NotSlug();
}
