using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using IldRegistry.Domain.Common;
using Npgsql;
using NpgsqlTypes;

namespace IldRegistry.Bench.DataGen;

internal sealed record SourceJson(string Title, string? Url, string? Publisher, DateOnly? RetrievedOn, string? Quote, string? Language);

internal sealed record OtherNameJson(string Name, string Lang, string Kind, string? Start, string? End);

internal sealed record IdentifierJson(string Scheme, string Value);

/// <summary>Generates and COPYs the synthetic departments and everything that belongs to them.</summary>
internal sealed class Generator(NpgsqlDataSource dataSource, int departments, int seed)
{
    public const int PeoplePerDepartment = 50;
    public const int PostsPerDepartment = 100;
    public const int BureausPerDepartment = 20;
    public const int InstitutionsPerDepartment = 10;
    public const int EventsPerDepartment = 200;

    private static readonly string[] _surnames =
    [
        "Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Xu", "Sun", "Ma", "Zhu", "Hu",
        "Guo", "He", "Lin", "Luo", "Gao", "Lu", "Song", "Zheng", "Liang", "Xie", "Tang", "Han", "Feng", "Deng", "Cao",
    ];

    private static readonly string[] _given =
    [
        "Wei", "Fang", "Min", "Jing", "Li", "Qiang", "Lei", "Jun", "Yang", "Yong", "Yan", "Jie", "Tao", "Ming", "Chao",
        "Xiu", "Hua", "Ping", "Gang", "Hui", "Kang", "Bo", "Lin", "Hong", "Ying", "Hai", "Xiang", "Zhen", "Yu", "Dong",
    ];

    private static readonly string[] _hanzi =
    [
        "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "国", "际", "联", "络", "部",
        "中", "央", "委", "员", "会", "外", "事", "工", "作", "局",
    ];

    private static readonly string[] _topics =
    [
        "International Liaison", "Organization", "Publicity", "United Front Work", "Political and Legal Affairs",
        "Foreign Affairs", "Policy Research", "Party History", "Discipline Inspection", "Finance and Economics",
        "Rural Work", "Taiwan Affairs", "Overseas Chinese Affairs", "Cyberspace Affairs", "Education", "Culture",
    ];

    private static readonly string[] _regions =
    [
        "First Asia", "Second Asia", "West Asia and North Africa", "Africa", "Latin America", "Eastern Europe",
        "Central Asia", "Western Europe", "North America", "Oceania", "South Asia", "Southeast Asia",
    ];

    private static readonly string[] _functional =
    [
        "General Office", "Research Room", "Protocol Bureau", "Cadre Bureau", "Information Bureau",
        "Coordination Bureau", "Liaison Office", "Party Committee",
    ];

    private static readonly string[] _eventKinds =
    [
        "Founding", "MandateChange", "Establishment", "LeadershipChange", "Initiative", "Statistic", "Organization",
        "Assessment", "Other",
    ];

    private static readonly string[] _institutionKinds = ["ChildAgency", "AffiliatedInstitution", "AffiliatedEnterprise", "FundedInstitution"];

    private static readonly string[] _verbs = ["Reorganized", "Expanded", "Hosted", "Launched", "Reported", "Assessed", "Renamed", "Delegated", "Received", "Signed"];

    private static readonly string[] _objects =
    [
        "delegation exchange", "party dialogue", "training programme", "liaison network", "regional forum",
        "annual statistics", "research mission", "cadre exchange", "memorandum", "study tour",
    ];

    private static readonly string[] _words =
    [
        "the", "department", "party", "relations", "with", "foreign", "political", "parties", "delegations", "visited",
        "cooperation", "exchange", "according", "to", "scholars", "its", "mission", "expanded", "across", "regions",
        "communist", "socialist", "organizations", "central", "committee", "liaison", "intelligence", "think", "tanks", "dialogue",
    ];

    private readonly Random _random = new(seed);
    private readonly DateTimeOffset _now = DateTimeOffset.UtcNow;
    private readonly Guid[] _departmentIds = new Guid[departments];
    private readonly Guid[][] _peopleIds = new Guid[departments][];
    private readonly Guid[][] _institutionIds = new Guid[departments][];

    public async Task RunAsync()
    {
        for (var d = 0; d < departments; d++)
        {
            _departmentIds[d] = NewId();
            _peopleIds[d] = [.. Enumerable.Range(0, PeoplePerDepartment).Select(_ => NewId())];
            _institutionIds[d] = [.. Enumerable.Range(0, InstitutionsPerDepartment).Select(_ => NewId())];
        }

        Guid? centralCommittee;
        await using (var command = dataSource.CreateCommand("SELECT id FROM departments WHERE slug = 'ccp-central-committee'"))
        {
            centralCommittee = await command.ExecuteScalarAsync() as Guid?;
        }

        await TimedAsync("departments", departments, () => CopyDepartmentsAsync(centralCommittee));
        await TimedAsync("people", departments * PeoplePerDepartment, CopyPeopleAsync);

        // Each random stream is created before the tasks start so that the data does not depend on their timing.
        var eventsRandom = new Random(_random.Next());
        var restRandom = new Random(_random.Next());
        await Task.WhenAll(
            TimedAsync("events", departments * EventsPerDepartment, () => CopyEventsAsync(eventsRandom)),
            Task.Run(async () =>
            {
                await TimedAsync("leaders", departments * PostsPerDepartment, () => CopyLeadersAsync(restRandom));
                await TimedAsync("bureaus", departments * BureausPerDepartment, () => CopyBureausAsync(restRandom));
                await TimedAsync("institutions", departments * InstitutionsPerDepartment, () => CopyInstitutionsAsync(restRandom));
            }));
    }

    private static async Task TimedAsync(string table, int rows, Func<Task> copy)
    {
        var stopwatch = Stopwatch.StartNew();
        await copy();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {table,-13} {rows,8:N0} rows in {stopwatch.Elapsed.TotalSeconds,5:0.0} s"));
    }

    private async Task CopyDepartmentsAsync(Guid? centralCommittee)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var writer = await connection.BeginBinaryImportAsync(Copy(
            "departments",
            "id, slug, name, short_name, native_name, romanized_name, jurisdiction, agency_type, headquarters, parent_id, summary, functions, logo, logo_caption",
            Dates("established"),
            Dates("dissolved"),
            "dissolved_status, created_at, updated_at, deleted_at, identifiers, other_names, sources"));
        for (var d = 0; d < departments; d++)
        {
            var number = d + 2;
            var topic = _topics[d % _topics.Length];
            var name = string.Create(CultureInfo.InvariantCulture, $"{topic} Department {number:D4}");
            var shortName = string.Create(CultureInfo.InvariantCulture, $"{Initials(topic)}D{number}");
            Guid? parent = (d % 3) switch
            {
                0 => centralCommittee,
                1 => null,
                _ => _departmentIds[d / 2],
            };
            await writer.StartRowAsync();
            await writer.WriteAsync(_departmentIds[d], NpgsqlDbType.Uuid);
            await writer.WriteAsync(string.Create(CultureInfo.InvariantCulture, $"dept-{number:D4}"), NpgsqlDbType.Varchar);
            await writer.WriteAsync(name, NpgsqlDbType.Varchar);
            await writer.WriteAsync(shortName, NpgsqlDbType.Varchar);
            await writer.WriteAsync(Hanzi(8), NpgsqlDbType.Varchar);
            await writer.WriteAsync(topic + " Bu", NpgsqlDbType.Varchar);
            await writer.WriteAsync("Chinese Communist Party", NpgsqlDbType.Varchar);
            await writer.WriteAsync("Department directly reporting to the Central Committee", NpgsqlDbType.Varchar);
            await writer.WriteAsync(string.Create(CultureInfo.InvariantCulture, $"{number} Fuxing Road, Beijing"), NpgsqlDbType.Varchar);
            await WriteNullableAsync(writer, parent);
            await writer.WriteAsync(Sentence(40), NpgsqlDbType.Varchar);
            await writer.WriteAsync(Sentence(80), NpgsqlDbType.Varchar);
            await writer.WriteAsync("Danghui.svg", NpgsqlDbType.Varchar);
            await writer.WriteAsync("Emblem of the Chinese Communist Party", NpgsqlDbType.Varchar);
            await WriteDateAsync(writer, PartialDate.Parse(DateText(1949, 2015)));
            var dissolved = d % 10 == 9;
            await WriteDateAsync(writer, dissolved ? PartialDate.Parse(DateText(2016, 2024)) : null);
            await WriteEndStatusAsync(writer, dissolved);
            await WriteAuditColumnsAsync(writer);
            await WriteJsonAsync(writer, new[] { new IdentifierJson("wikidata", string.Create(CultureInfo.InvariantCulture, $"Q{1_000_000 + number}")) });
            await WriteJsonAsync(writer, new[]
            {
                new OtherNameJson(shortName, "en", "Abbreviation", null, null),
                new OtherNameJson("Former " + name, "en", "Former", DateText(1949, 1970), DateText(1971, 1990)),
            });
            await WriteJsonAsync(writer, Sources(name, 3));
        }

        await writer.CompleteAsync();
    }

    private async Task CopyPeopleAsync()
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var writer = await connection.BeginBinaryImportAsync(Copy(
            "people", "id, name, native_name, romanized_name, notes, created_at, updated_at, deleted_at, identifiers, other_names, sources"));
        for (var d = 0; d < departments; d++)
        {
            foreach (var id in _peopleIds[d])
            {
                var name = PersonName();
                var native = Hanzi(3);
                await writer.StartRowAsync();
                await writer.WriteAsync(id, NpgsqlDbType.Uuid);
                await writer.WriteAsync(name, NpgsqlDbType.Varchar);
                await writer.WriteAsync(native, NpgsqlDbType.Varchar);
                await writer.WriteAsync(name, NpgsqlDbType.Varchar);
                await writer.WriteAsync(Sentence(25), NpgsqlDbType.Varchar);
                await WriteAuditColumnsAsync(writer);
                await WriteJsonAsync(writer, _random.Next(4) == 0
                    ? new[] { new IdentifierJson("wikidata", string.Create(CultureInfo.InvariantCulture, $"Q{_random.Next(10_000_000, 99_999_999)}")) }
                    : []);
                await WriteJsonAsync(writer, new[] { new OtherNameJson(native, "zh-Hans", "Native", null, null) });
                await WriteJsonAsync(writer, Sources(name, 2));
            }
        }

        await writer.CompleteAsync();
    }

    private async Task CopyLeadersAsync(Random random)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var writer = await connection.BeginBinaryImportAsync(Copy(
            "leaders", "id, department_id, person_id, title, rank", Dates("start"), Dates("end"), "end_status, created_at, updated_at, deleted_at, sources"));
        for (var d = 0; d < departments; d++)
        {
            for (var k = 0; k < PostsPerDepartment; k++)
            {
                // Ten eras of ten posts: one head and nine deputies each, the last era still in office.
                var era = k / 10;
                var rank = k % 10 + 1;
                var startYear = 1951 + (era * 7) + random.Next(3);
                var start = PartialDate.Parse(DateText(startYear, startYear, random));
                PartialDate? end = era == 9 && rank % 2 == 1 ? null : PartialDate.Parse(DateText(startYear + 4, startYear + 7, random));
                await writer.StartRowAsync();
                await writer.WriteAsync(NewId(random), NpgsqlDbType.Uuid);
                await writer.WriteAsync(_departmentIds[d], NpgsqlDbType.Uuid);
                await writer.WriteAsync(_peopleIds[d][k % PeoplePerDepartment], NpgsqlDbType.Uuid);
                await writer.WriteAsync(rank == 1 ? "Head" : rank <= 7 ? "Deputy Head" : "Assistant Head", NpgsqlDbType.Varchar);
                await writer.WriteAsync(rank, NpgsqlDbType.Integer);
                await WriteDateAsync(writer, start);
                await WriteDateAsync(writer, end);
                await WriteEndStatusAsync(writer, end is not null);
                await WriteAuditColumnsAsync(writer);
                await WriteJsonAsync(writer, Sources("Leadership of department " + (d + 2).ToString(CultureInfo.InvariantCulture), 1, random));
            }
        }

        await writer.CompleteAsync();
    }

    private async Task CopyBureausAsync(Random random)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var writer = await connection.BeginBinaryImportAsync(Copy(
            "bureaus", "id, department_id, name, alternate_name, kind, number, region, parent_bureau_id, sort_order, dissolved_status, created_at, updated_at, deleted_at, sources"));
        var ids = new Guid[BureausPerDepartment];
        for (var d = 0; d < departments; d++)
        {
            for (var b = 0; b < BureausPerDepartment; b++)
            {
                ids[b] = NewId(random);

                // A tree: eight functional units at the top, twelve regional bureaus below them.
                var regional = b >= _functional.Length;
                var region = regional ? _regions[b - _functional.Length] : null;
                Guid? parent = regional ? ids[random.Next(_functional.Length)] : null;
                await writer.StartRowAsync();
                await writer.WriteAsync(ids[b], NpgsqlDbType.Uuid);
                await writer.WriteAsync(_departmentIds[d], NpgsqlDbType.Uuid);
                await writer.WriteAsync(regional ? region + " Bureau" : _functional[b], NpgsqlDbType.Varchar);
                await WriteNullableAsync(writer, regional ? "Bureau of " + region + " Affairs" : null);
                await writer.WriteAsync(regional ? "RegionalBureau" : b switch { 0 or 6 => "Office", 1 => "ResearchOffice", 7 => "PartyBody", _ => "FunctionalBureau" }, NpgsqlDbType.Varchar);
                await WriteNullableAsync(writer, regional ? b - _functional.Length + 1 : (int?)null);
                await WriteNullableAsync(writer, region);
                await WriteNullableAsync(writer, parent);
                await writer.WriteAsync(b + 1, NpgsqlDbType.Integer);
                await WriteEndStatusAsync(writer, ended: false);
                await WriteAuditColumnsAsync(writer);
                await WriteJsonAsync(writer, Sources(regional ? region + " Bureau" : _functional[b], 1, random));
            }
        }

        await writer.CompleteAsync();
    }

    private async Task CopyInstitutionsAsync(Random random)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var writer = await connection.BeginBinaryImportAsync(Copy(
            "institutions",
            "id, department_id, name, native_name, kind, location, summary, website",
            Dates("established"),
            "dissolved_status, created_at, updated_at, deleted_at, identifiers, other_names, sources"));
        for (var d = 0; d < departments; d++)
        {
            for (var i = 0; i < InstitutionsPerDepartment; i++)
            {
                var name = string.Create(CultureInfo.InvariantCulture, $"{_objects[i]} Centre of Department {d + 2:D4}");
                await writer.StartRowAsync();
                await writer.WriteAsync(_institutionIds[d][i], NpgsqlDbType.Uuid);
                await writer.WriteAsync(_departmentIds[d], NpgsqlDbType.Uuid);
                await writer.WriteAsync(name, NpgsqlDbType.Varchar);
                await writer.WriteAsync(Hanzi(6, random), NpgsqlDbType.Varchar);
                await writer.WriteAsync(_institutionKinds[i % _institutionKinds.Length], NpgsqlDbType.Varchar);
                await writer.WriteAsync("Beijing", NpgsqlDbType.Varchar);
                await writer.WriteAsync(Sentence(30, random), NpgsqlDbType.Varchar);
                await writer.WriteAsync(string.Create(CultureInfo.InvariantCulture, $"https://example.org/d{d + 2}/i{i}"), NpgsqlDbType.Varchar);
                await WriteDateAsync(writer, i % 3 == 0 ? null : PartialDate.Parse(DateText(1951, 2020, random)));
                await WriteEndStatusAsync(writer, ended: false);
                await WriteAuditColumnsAsync(writer);
                await WriteJsonAsync(writer, new[] { new IdentifierJson("website", string.Create(CultureInfo.InvariantCulture, $"https://example.org/d{d + 2}/i{i}")) });
                await WriteJsonAsync(writer, new[] { new OtherNameJson(Initials(name), "en", "Abbreviation", null, null) });
                await WriteJsonAsync(writer, Sources(name, 2, random));
            }
        }

        await writer.CompleteAsync();
    }

    private async Task CopyEventsAsync(Random random)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var writer = await connection.BeginBinaryImportAsync(Copy(
            "events",
            "id, department_id, title, description, kind, institution_ids, person_ids",
            Dates("date"),
            Dates("end_date"),
            "created_at, updated_at, deleted_at, sources"));
        for (var d = 0; d < departments; d++)
        {
            for (var e = 0; e < EventsPerDepartment; e++)
            {
                var title = string.Create(CultureInfo.InvariantCulture, $"{_verbs[random.Next(_verbs.Length)]} {_objects[random.Next(_objects.Length)]} {e + 1}");
                var date = PartialDate.Parse(DateText(1951, 2024, random));
                await writer.StartRowAsync();
                await writer.WriteAsync(NewId(random), NpgsqlDbType.Uuid);
                await writer.WriteAsync(_departmentIds[d], NpgsqlDbType.Uuid);
                await writer.WriteAsync(title, NpgsqlDbType.Varchar);
                await writer.WriteAsync(Sentence(40, random), NpgsqlDbType.Varchar);
                await writer.WriteAsync(_eventKinds[e % _eventKinds.Length], NpgsqlDbType.Varchar);
                await writer.WriteAsync(Pick(_institutionIds[d], random.Next(3), random), NpgsqlDbType.Array | NpgsqlDbType.Uuid);
                await writer.WriteAsync(Pick(_peopleIds[d], random.Next(3), random), NpgsqlDbType.Array | NpgsqlDbType.Uuid);
                await WriteDateAsync(writer, date);
                await WriteDateAsync(writer, e % 8 == 0 ? PartialDate.Parse(DateText(Math.Min(date.Upper.Year + 1, 2025), Math.Min(date.Upper.Year + 3, 2025), random)) : null);
                await WriteAuditColumnsAsync(writer);
                await WriteJsonAsync(writer, Sources(title, 1, random));
            }
        }

        await writer.CompleteAsync();
    }

    private static string Copy(string table, params string[] columns) =>
        $"COPY {table} ({string.Join(", ", columns)}) FROM STDIN (FORMAT BINARY)";

    private static string Dates(string prefix) => $"{prefix}_text, {prefix}_lower, {prefix}_upper, {prefix}_precision, {prefix}_qualifier";

    private static async Task WriteDateAsync(NpgsqlBinaryImporter writer, PartialDate? date)
    {
        if (date is null)
        {
            for (var i = 0; i < 5; i++)
            {
                await writer.WriteNullAsync();
            }

            return;
        }

        await writer.WriteAsync(date.Text, NpgsqlDbType.Varchar);
        await writer.WriteAsync(date.Lower, NpgsqlDbType.Date);
        await writer.WriteAsync(date.Upper, NpgsqlDbType.Date);
        await writer.WriteAsync(date.Precision.ToString(), NpgsqlDbType.Varchar);
        await writer.WriteAsync(date.Qualifier.ToString(), NpgsqlDbType.Varchar);
    }

    // The column's default is '' (no status), which the API cannot read: a body or post with an end date ended then
    // (Known), one without is still there (Ongoing), as the migration that added the column classified stored rows.
    private static Task WriteEndStatusAsync(NpgsqlBinaryImporter writer, bool ended) =>
        writer.WriteAsync((ended ? EndStatus.Known : EndStatus.Ongoing).ToString(), NpgsqlDbType.Varchar);

    private static async Task WriteNullableAsync<T>(NpgsqlBinaryImporter writer, T? value)
    {
        if (value is null)
        {
            await writer.WriteNullAsync();
        }
        else
        {
            await writer.WriteAsync(value);
        }
    }

    private static Task WriteJsonAsync<T>(NpgsqlBinaryImporter writer, T value) =>
        writer.WriteAsync(JsonSerializer.Serialize(value), NpgsqlDbType.Jsonb);

    private async Task WriteAuditColumnsAsync(NpgsqlBinaryImporter writer)
    {
        await writer.WriteAsync(_now, NpgsqlDbType.TimestampTz);
        await writer.WriteAsync(_now, NpgsqlDbType.TimestampTz);
        await writer.WriteNullAsync();
    }

    private static Guid[] Pick(Guid[] from, int count, Random random) =>
        [.. Enumerable.Range(0, count).Select(_ => from[random.Next(from.Length)]).Distinct()];

    private static string Initials(string text) =>
        string.Concat(text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => char.IsUpper(w[0])).Select(w => w[0]));

    private Guid NewId() => NewId(_random);

    private static Guid NewId(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }

    private string PersonName() =>
        _surnames[_random.Next(_surnames.Length)] + " " + _given[_random.Next(_given.Length)]
        + (_random.Next(2) == 0 ? _given[_random.Next(_given.Length)].ToLowerInvariant() : string.Empty);

    private string Hanzi(int length) => Hanzi(length, _random);

    private static string Hanzi(int length, Random random) =>
        string.Concat(Enumerable.Range(0, length).Select(_ => _hanzi[random.Next(_hanzi.Length)]));

    private string Sentence(int words) => Sentence(words, _random);

    private static string Sentence(int words, Random random)
    {
        var text = string.Join(' ', Enumerable.Range(0, words).Select(_ => _words[random.Next(_words.Length)]));
        return char.ToUpperInvariant(text[0]) + text[1..] + ".";
    }

    private string DateText(int fromYear, int toYear) => DateText(fromYear, toYear, _random);

    /// <summary>A partial date in the given years, in the mix of precisions and qualifiers the article uses.</summary>
    private static string DateText(int fromYear, int toYear, Random random)
    {
        var year = random.Next(fromYear, toYear + 1);
        var month = random.Next(1, 13);
        var roll = random.Next(100);
        return roll switch
        {
            < 50 => year.ToString("D4", CultureInfo.InvariantCulture),
            < 70 => string.Create(CultureInfo.InvariantCulture, $"{year:D4}-{month:D2}"),
            < 85 => string.Create(CultureInfo.InvariantCulture, $"{year:D4}-{month:D2}-{random.Next(1, 29):D2}"),
            < 93 => string.Create(CultureInfo.InvariantCulture, $"{year:D4}~"),
            < 97 => string.Create(CultureInfo.InvariantCulture, $"{year:D4}?"),
            _ => string.Create(CultureInfo.InvariantCulture, $"{year / 10:D3}X"),
        };
    }

    private SourceJson[] Sources(string subject, int count) => Sources(subject, count, _random);

    private static SourceJson[] Sources(string subject, int count, Random random) =>
    [
        .. Enumerable.Range(0, count).Select(i => new SourceJson(
            subject,
            string.Create(CultureInfo.InvariantCulture, $"https://example.org/sources/{random.Next(1_000_000)}"),
            i == 0 ? "Wikipedia" : "Synthetic Gazette",
            new DateOnly(2024, 1 + random.Next(12), 1 + random.Next(28)),
            Sentence(12, random),
            "en")),
    ];
}
