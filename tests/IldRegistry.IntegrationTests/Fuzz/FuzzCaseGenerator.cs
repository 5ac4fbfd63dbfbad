using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace IldRegistry.IntegrationTests.Fuzz;

/// <summary>Ids and keys of seeded records, so that some requests get past the lookup and reach the handler's rules.</summary>
internal sealed record SeedData(IReadOnlyDictionary<string, Guid[]> IdsByResource, string[] DepartmentSlugs);

/// <summary>
/// Turns every operation of the OpenAPI document into hostile requests. Only <see cref="Random"/> decides, so one
/// seed always yields the same cases.
/// </summary>
internal sealed class FuzzCaseGenerator(OpenApiModel api, SeedData seed, Random random)
{
    private const string RawMarker = "\u0001RAW";

    private static readonly string[] HostileStrings =
    [
        "", " ", "'; DROP TABLE departments;--", "' OR '1'='1", "\" OR \"\"=\"", "%", "_", "\\", "%_\\", "\\%", "%%%",
        "[a-z]*", ".*", "$1", "'", "''", "\"", "`", ";", "--", "/*", "*/", "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>", "\"><svg/onload=alert(1)>", "javascript:alert(1)", "\0", "a\0b", "\u0001\u001f",
        "\uFEFF", "\u202Egnirts", "中文🙂", "Ω≈ç√∫", "ﷺ", "Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǧ̗͚̚o̙̔ͮ̇͐̇", "NaN", "Infinity", "-1", "1e309",
        "99999999999999999999999", "null", "true", "{}", "[]", "../../etc/passwd", "${jndi:ldap://x/a}", "{{7*7}}",
        "\r\n\r\nX-Injected: 1", "\t", "%00", "%2e%2e%2f", "http://[::1", "https://", "mailto:x", "ftp://x",
    ];

    private static readonly string[] HostileNumbers =
    [
        "-1", "0", "1", "200", "201", "1000000", "1000001", "2147483647", "2147483648", "-2147483648", "-2147483649",
        "99999999999999999999", "1e309", "-1e309", "1e3", "1.5", "NaN", "Infinity", "-Infinity", "0x10", " 1", "1 ",
        "+1", "", "١٢", "abc", "1,5", "00000000001", "-0",
    ];

    private static readonly string[] HostileDates =
    [
        "2022-13", "2022-02-30", "2022-00", "0000", "9999-12-31", "99999", "-001", "198X", "19XX", "1XXX", "XXXX",
        "1981~", "1981?%", "1981~~", "2022-02-14T00:00:00Z", "", "x", "1e309", "2022/02/14", "1951-00-00", "0001-01-01",
        "2147483648", "1951-02-29", "2000-02-29", "20221", "۱۹۵۱",
    ];

    private static readonly string[] OddSegments =
    [
        "..", ".", "%2e%2e", "%2E", "%00", "a%00b", "%2F", "a%2Fb", "%5C", "%25", "%20", "+", "-1", "0", "null", "undefined",
        "true", "1e309", "%27%3B%20DROP%20TABLE%20departments%3B--", "%3Cscript%3Ealert(1)%3C%2Fscript%3E", "%C3%28",
        "%FF%FE", "%E2%80%AE", "%F0%9F%99%82", "00000000-0000-0000-0000-000000000000", "ffffffff-ffff-ffff-ffff-ffffffffffff",
        "%25%32%65", "%", "%%", "%u0041", ";", "%3B", "~", "%0D%0AX-Injected:%201", "*",
    ];

    private static readonly string[] ContentTypes =
    [
        "text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
        "application/json; charset=iso-8859-1", "application/json; charset=utf-16", "application/json; charset=nonsense",
        "application/merge-patch+json", "application/problem+json", "text/json", "*/*", "application/json, text/plain",
        "", "application/", "application/json; charset=", "application/json; a=", "application/json; charset= ", "APPLICATION/JSON", "application/vnd.api+json", "!!!/???",
    ];

    private static readonly string[] IfMatchValues =
    [
        "*", "\"1\"", "\"0\"", "\"abc\"", "W/\"1\"", "\"99999999999\"", "\"-1\"", "\"4294967296\"", "\"1-x\"", "garbage",
        "\"\"", "\"1\", \"2\"", "\"\u00e9\"", "\"4294967295\"",
    ];

    private static readonly string[] AcceptValues =
    [
        "*/*", "application/problem+json", "application/json, */*;q=0.1", "application/*", "text/plain, application/json;q=0.5", "text/html",
    ];

    private static readonly string[] Methods = ["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE"];

    private readonly List<string> _raw = [];
    private readonly List<byte[]> _bytes = [];
    private int _counter;

    public List<FuzzCase> Generate(int count)
    {
        var cases = new List<FuzzCase>(count);
        var operations = api.Operations;
        for (var i = 0; i < count; i++)
        {
            // Round-robin over operations makes every one of them get its share however many cases are asked for.
            cases.Add(random.Next(100) < 7 ? Routing(i + 1) : ForOperation(i + 1, operations[i % operations.Count]));
        }

        return cases;
    }

    private FuzzCase ForOperation(int number, ApiOperation operation)
    {
        _raw.Clear();
        _bytes.Clear();
        var mutations = new List<string>();

        var path = new StringBuilder();
        foreach (var part in operation.PathTemplate.Split('/'))
        {
            if (path.Length > 0 || part.Length > 0)
            {
                path.Append('/');
            }

            path.Append(part.StartsWith('{') ? PathValue(operation, mutations) : part);
        }

        var query = new List<string>();
        foreach (var parameter in operation.Parameters.Where(p => p.In == "query"))
        {
            if (random.Next(100) < 55)
            {
                query.Add($"{parameter.Name}={QueryValue(parameter, mutations)}");
            }
        }

        if (random.Next(100) < 10)
        {
            query.Add(Pick(["unknown=1", "page=1&page=2", "pageSize=5&pageSize=-5", "=x", "&&&", "%00=%00", "q", "sort=",
                "PAGE=1", "page[]=1", "page.size=1", $"x={new string('x', 10_000)}"]));
            mutations.Add("extra query");
        }

        var url = query.Count == 0 ? path.ToString() : $"{path}?{string.Join('&', query)}";

        byte[]? body = null;
        string? contentType = null;
        if (operation.BodySchema is not null || random.Next(100) < 4)
        {
            (body, var how) = operation.BodySchema is null || random.Next(100) < 12 ? JunkBody() : Body(operation.BodySchema);
            mutations.Add(how);
            contentType = "application/json";
            if (random.Next(100) < 12)
            {
                contentType = random.Next(8) == 0 ? null : Pick(ContentTypes);
                mutations.Add("content-type");
            }
        }

        var headers = new List<KeyValuePair<string, string>>();
        if (operation.IsWrite && random.Next(100) < 15)
        {
            headers.Add(new("If-Match", Pick(IfMatchValues)));
        }
        else if (!operation.IsWrite && random.Next(100) < 10)
        {
            headers.Add(new("If-None-Match", Pick(IfMatchValues)));
        }

        if (random.Next(100) < 8)
        {
            headers.Add(new("Accept", Pick(AcceptValues)));
        }

        var caller = PickCaller(operation.IsWrite);
        if (caller == Caller.BadKey)
        {
            headers.Add(Pick<KeyValuePair<string, string>>([
                new("Authorization", "Bearer not-a-key"), new("Authorization", "Bearer "), new("Authorization", "Basic YTpi"),
                new("X-Api-Key", "'; DROP TABLE api_keys;--"), new("X-Api-Key", new string('k', 5000)),
                new("Authorization", "Bearer " + RegistryApiFactoryKeys.Revoked),
            ]));
        }

        return new FuzzCase(number, operation.ToString(), operation.Method, url, caller, body, contentType, headers,
            mutations.Count == 0 ? "plain" : string.Join(", ", mutations));
    }

    /// <summary>Unknown routes and methods a path does not have: routing answers them, as problem details too.</summary>
    private FuzzCase Routing(int number)
    {
        var operations = api.Operations;
        var operation = operations[random.Next(operations.Count)];
        var id = seed.IdsByResource.TryGetValue(operation.Resource, out var ids) && ids.Length > 0 ? ids[random.Next(ids.Length)] : Guid.NewGuid();
        var concrete = operation.PathTemplate.Replace("{id}", id.ToString(), StringComparison.Ordinal);
        if (random.Next(2) == 0)
        {
            var methods = operations.Where(o => o.PathTemplate == operation.PathTemplate).Select(o => o.Method).ToHashSet();
            var method = Pick(Methods.Where(m => !methods.Contains(m)).ToArray());
            return new FuzzCase(number, $"{method} {operation.PathTemplate}", method, concrete, Caller.Editor, null, null, [], "method not allowed");
        }

        var url = Pick([
            "/api/v1/" + Pick(OddSegments), "/api/v2/departments", concrete + "/nope", "/api", "/api/v1", "/api/v1/", "/.env",
            "/api/v1/departments//", "//api//v1//departments", "/api/v1/DEPARTMENTS", "/swagger/v2/swagger.json",
            "/api/v1/departments/" + id + "/" + Pick(OddSegments), "/" + new string('a', 6000), "/api/v1/%00", "/favicon.ico",
        ]);
        return new FuzzCase(number, "GET (routing)", "GET", url, PickCaller(false), null, null, [], "unknown route");
    }

    private string PathValue(ApiOperation operation, List<string> mutations)
    {
        var ids = seed.IdsByResource.GetValueOrDefault(operation.Resource) ?? [];
        var roll = random.Next(100);
        if (roll < 45 && ids.Length > 0)
        {
            return ids[random.Next(ids.Length)].ToString();
        }

        if (roll < 52 && operation.Resource == "departments" && seed.DepartmentSlugs.Length > 0)
        {
            return seed.DepartmentSlugs[random.Next(seed.DepartmentSlugs.Length)];
        }

        if (roll < 58)
        {
            var other = seed.IdsByResource.Values.SelectMany(v => v).ToArray();
            mutations.Add("id of another resource");
            return other[random.Next(other.Length)].ToString();
        }

        if (roll < 66)
        {
            mutations.Add("unknown id");
            return RandomGuid().ToString();
        }

        mutations.Add("odd path segment");
        var guid = ids.Length > 0 ? ids[random.Next(ids.Length)] : RandomGuid();
        return random.Next(9) switch
        {
            0 => guid.ToString("B"),
            1 => guid.ToString("N"),
            2 => guid.ToString().ToUpperInvariant(),
            3 => guid + "x",
            4 => new string('a', random.Next(300, 5000)),
            5 => Uri.EscapeDataString(Pick(HostileStrings)),
            6 => Uri.EscapeDataString(new string('é', 2000)),
            _ => Pick(OddSegments),
        };
    }

    private string QueryValue(ApiParameter parameter, List<string> mutations)
    {
        var schema = api.Resolve(parameter.Schema);
        var type = OpenApiModel.TypeOf(schema);
        var hostile = random.Next(100) < 70;
        if (hostile)
        {
            mutations.Add($"bad {parameter.Name}");
        }

        if (hostile && random.Next(100) < 8)
        {
            // Pre-encoded junk that no encoder would produce: invalid UTF-8 escapes, NUL, a lone %.
            return Pick(["%FF%FE", "%C3%28", "%00", "%", "%zz", "a%00b", "%ED%A0%80", "%C0%AF", "%E2%82", "+%2B+"]);
        }

        string value;
        if (type is "integer" or "number")
        {
            value = hostile ? Pick(HostileNumbers) : random.Next(1, 30).ToString(CultureInfo.InvariantCulture);
        }
        else if (type == "boolean")
        {
            value = hostile ? Pick(["yes", "2", "", "TRUE", "1", "0", "null", "on", "tru"]) : Pick(["true", "false"]);
        }
        else if (type == "enum")
        {
            var members = schema["enum"]!.AsArray().Select(e => e!.GetValue<string>()).ToArray();
            value = hostile ? Pick(["Nope", "0", "1", "-1", members[0].ToLowerInvariant(), members[0] + " ", "", $"{members[0]},{members[^1]}"]) : Pick(members);
        }
        else if (schema["format"]?.GetValue<string>() == "uuid" || parameter.Name.EndsWith("Id", StringComparison.Ordinal))
        {
            value = hostile ? Pick([Pick(HostileStrings), RandomGuid().ToString("B"), "00000000-0000-0000-0000-000000000000", RandomGuid().ToString()]) : AnySeedId().ToString();
        }
        else if (parameter.Name is "asOf" or "from" or "to")
        {
            value = hostile ? Pick(HostileDates) : Pick(["1951", "2000-01", "2022-02-14", "198X", "1981~"]);
        }
        else if (parameter.Name == "sort")
        {
            value = hostile
                ? Pick(["unknown", "--name", ",", "name,name", "-", "name,-", "+name", "name desc", "name;DROP", "id", "Name", new string('s', 3000), "name,unknown", ",,,,"])
                : Pick(["name", "-name", "id"]);
        }
        else
        {
            // URLs stay under System.Uri's 65,519-character limit; bodies carry the 100 KB strings.
            value = hostile ? HostileString(4_000) : Pick(["ild", "department", "a", "中"]);
        }

        return Uri.EscapeDataString(value);
    }

    private string HostileString(int max = 100_000)
    {
        var roll = random.Next(100);
        return roll switch
        {
            < 6 => new string(Pick(['a', 'é', '%', '_', '\\', '\'', '中']), random.Next(max / 10, max)),
            < 9 => string.Concat(Enumerable.Repeat("'; DROP TABLE departments;--", random.Next(10, max / 28))),
            _ => Pick(HostileStrings),
        };
    }

    private (byte[] Body, string How) Body(JsonObject schema)
    {
        var valid = Valid(schema, string.Empty, 0) as JsonObject ?? [];
        string how;
        var roll = random.Next(100);
        if (roll < 12)
        {
            how = "valid body";
        }
        else if (roll < 55)
        {
            how = MutateField(valid, schema);
        }
        else if (roll < 62)
        {
            var (name, value) = Pick<(string, JsonNode?)>([
                ("unknownField", 1), ("id", RandomGuid().ToString()), ("createdAt", "2020-01-01T00:00:00Z"), ("version", 1),
                ("deletedAt", "2020-01-01T00:00:00Z"), ("__proto__", new JsonObject()), ("Name", "case"), ("", ""),
            ]);
            valid[name] = value;
            how = $"extra property {name}";
        }
        else if (roll < 68 && valid.Count > 0)
        {
            var name = valid.Select(p => p.Key).ElementAt(random.Next(valid.Count));
            valid.Remove(name);
            how = $"missing {name}";
        }
        else if (roll < 73 && valid.Count > 0)
        {
            var name = valid.Select(p => p.Key).ElementAt(random.Next(valid.Count));
            var text = valid.ToJsonString();
            var duplicate = $"\"{name}\":{HostileJson(TypeAt(schema, name))},";
            return (ApplyBytes(text.Insert(1, duplicate)), $"duplicated key {name}");
        }
        else if (roll < 80)
        {
            return (Serialize(Pick<JsonNode?>([null, new JsonArray(valid.DeepClone()), JsonValue.Create("string"), JsonValue.Create(42), new JsonObject()]), []), "wrong top-level value");
        }
        else if (roll < 86)
        {
            return (Corrupt(Serialize(valid, [])), "corrupted bytes");
        }
        else if (roll < 90)
        {
            // Over a megabyte in one field, or very many list elements.
            if (random.Next(2) == 0)
            {
                var field = valid.Select(p => p.Key).FirstOrDefault(k => OpenApiModel.TypeOf(api.Resolve(schema["properties"]?[k])) == "string") ?? "name";
                valid[field] = new string('x', random.Next(1_100_000, 1_600_000));
                how = $"huge {field} (> 1 MB)";
            }
            else
            {
                var source = new JsonObject { ["title"] = "t", ["url"] = "https://example.org/" };
                valid["sources"] = new JsonArray([.. Enumerable.Range(0, 1_000).Select(_ => source.DeepClone())]);
                how = "1,000 sources";
            }
        }
        else
        {
            return JunkBody();
        }

        return (Serialize(valid, _raw), how);
    }

    private string MutateField(JsonObject body, JsonObject schema)
    {
        // Walks into a nested object or list element now and then, so that sources[0].url and the like get hit too.
        JsonObject target = body;
        var targetSchema = schema;
        var where = string.Empty;
        var properties = schema["properties"]?.AsObject().Select(p => p.Key).ToArray() ?? [];
        if (properties.Length == 0)
        {
            return "valid body";
        }

        var name = Pick(properties);
        var propertySchema = api.Resolve(schema["properties"]![name]);
        if (OpenApiModel.TypeOf(propertySchema) == "array" && random.Next(100) < 40)
        {
            var itemSchema = api.Resolve(propertySchema["items"]);
            if (OpenApiModel.TypeOf(itemSchema) == "object" && itemSchema["properties"] is JsonObject itemProperties)
            {
                var item = Valid(itemSchema, name, 1) as JsonObject ?? [];
                body[name] = new JsonArray(item);
                target = item;
                targetSchema = itemSchema;
                where = $"{name}[0].";
                name = Pick(itemProperties.Select(p => p.Key).ToArray());
            }
            else
            {
                var list = new JsonArray(Valid(itemSchema, name, 1), RawValue(HostileJson(OpenApiModel.TypeOf(itemSchema))));
                body[name] = list;
                return $"bad element in {name}";
            }
        }

        target[name] = RawValue(HostileJson(TypeAt(targetSchema, name)));
        return $"bad {where}{name}";
    }

    private string? TypeAt(JsonObject schema, string name) => OpenApiModel.TypeOf(api.Resolve(schema["properties"]?[name]));

    /// <summary>Raw JSON text for a value of the wrong kind for a field of <paramref name="type"/>.</summary>
    private string HostileJson(string? type)
    {
        var roll = random.Next(100);
        if (roll < 25)
        {
            return type switch
            {
                "integer" or "number" => Pick(["\"12\"", "1.5", "1e309", "-1e309", "2147483648", "-2147483649", "99999999999999999999999",
                    "-1", "0", "100000", "\"NaN\"", "NaN", "Infinity", "-0", "01", "0x10", "1e2", "true"]),
                "boolean" => Pick(["\"true\"", "1", "0", "\"yes\"", "True"]),
                "enum" => Pick(["\"NotAKind\"", "\"office\"", "0", "1", "\"\"", "\" Office\"", "\"Office,PartyBody\"", "[\"Office\"]", "-1"]),
                "array" => Pick(["{}", "\"a\"", "1", "[null]", "[1,2]", "[[]]", "[{}]", "[\"x\"]", $"[{string.Join(',', Enumerable.Repeat("{}", 300))}]"]),
                "object" => Pick(["[]", "\"x\"", "1", "[{}]", "true"]),
                _ => Pick(["123", "true", "{}", "[]", "[\"a\"]", "-0", "1e309", "{\"a\":\"b\"}"]),
            };
        }

        return roll switch
        {
            < 35 => "null",
            < 60 => JsonString(HostileString()),
            < 66 => JsonString(Pick(HostileDates)),
            < 72 => Pick(["\"\\ud800\"", "\"\\udc00x\"", "\"a\\u0000b\"", "\"\\u0000\"", "\"\\ud83d\\ude00\"", "\"\\uFFFF\"", "\"\\uFFFE\""]),
            < 78 => Deep(random.Next(2) == 0 ? 10_000 : random.Next(60, 200), random.Next(2) == 0),
            < 82 => "\"" + BytesPlaceholder() + "\"",
            < 86 => Pick(["\"\\x41\"", "'single'", "\"unterminated", "undefined", "{\"a\":}", "[1,]", "--", "\"\t\"", "\"a\nb\""]),
            < 92 => JsonString(Pick(["00000000-0000-0000-0000-000000000000", RandomGuid().ToString(), RandomGuid().ToString("B"), AnySeedId().ToString(), "not-a-guid"])),
            _ => JsonString(new string('z', random.Next(301, 5000))),
        };
    }

    private static string Deep(int depth, bool arrays) =>
        arrays
            ? new string('[', depth) + new string(']', depth)
            : string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth);

    private (byte[] Body, string How) JunkBody()
    {
        var roll = random.Next(15);
        var depth = random.Next(2) == 0 ? 10_000 : random.Next(64, 2000);
        return roll switch
        {
            0 => ([], "empty body"),
            1 => ("null"u8.ToArray(), "null body"),
            2 => (Encoding.UTF8.GetBytes(Deep(depth, true)), $"{depth} nested arrays"),
            3 => (Encoding.UTF8.GetBytes(Deep(depth, false)), $"{depth} nested objects"),
            4 => (Encoding.UTF8.GetBytes("{\"name\":" + Deep(depth, true) + "}"), "nested arrays in a field"),
            5 => (RandomBytes(random.Next(1, 4000)), "random bytes"),
            6 => ("\uFEFF{}"u8.ToArray(), "BOM + {}"),
            7 => (Encoding.UTF8.GetBytes(new string(' ', 1_200_000) + "{}"), "1.2 MB of whitespace"),
            8 => (Encoding.UTF8.GetBytes("[" + string.Join(',', Enumerable.Repeat("{\"name\":\"x\"}", 100_000)) + "]"), "array of 100,000 objects"),
            9 => ("{\"name\":\"a\",}"u8.ToArray(), "trailing comma"),
            10 => ("{/* c */\"name\":\"a\"}"u8.ToArray(), "comment"),
            11 => ([0x7B, 0x22, 0x6E, 0x22, 0x3A, 0x22, 0xFF, 0xFE, 0xC0, 0xAF, 0x22, 0x7D], "invalid UTF-8"),
            12 => ([0x7B, 0x00, 0x7D], "NUL byte"),
            13 => (Encoding.Unicode.GetBytes("{\"name\":\"utf16\"}"), "UTF-16 body"),
            _ => ("{\"name\":\"a\""u8.ToArray(), "truncated JSON"),
        };
    }

    private byte[] Corrupt(byte[] body)
    {
        var at = body.Length == 0 ? 0 : random.Next(body.Length);
        var junk = Pick<byte[]>([[0xFF], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xC3], [0x00], [0xF8, 0x88, 0x80, 0x80, 0x80], [0xEF, 0xBB, 0xBF]]);
        return random.Next(3) == 0 ? body[..at] : [.. body[..at], .. junk, .. body[at..]];
    }

    /// <summary>A value the schema accepts, with seeded ids where a field refers to another record.</summary>
    private JsonNode? Valid(JsonObject schema, string name, int depth)
    {
        schema = api.Resolve(schema);
        switch (OpenApiModel.TypeOf(schema))
        {
            case "object":
                var result = new JsonObject();
                var required = schema["required"]?.AsArray().Select(r => r!.GetValue<string>()).ToHashSet() ?? [];
                foreach (var (property, propertySchema) in schema["properties"]?.AsObject() ?? [])
                {
                    if (required.Contains(property) || random.Next(2) == 0)
                    {
                        result[property] = Valid(api.Resolve(propertySchema), property, depth + 1);
                    }
                }

                return result;
            case "array":
                var items = api.Resolve(schema["items"]);
                return random.Next(2) == 0 || depth > 2 ? new JsonArray() : new JsonArray(Valid(items, name, depth + 1));
            case "enum":
                return Pick(schema["enum"]!.AsArray().Select(e => e!.GetValue<string>()).ToArray());
            case "integer":
                var min = schema["minimum"]?.GetValue<int>() ?? 0;
                var max = schema["maximum"]?.GetValue<int>() ?? 100;
                return random.Next(min, Math.Min(max, min + 50) + 1);
            case "boolean":
                return random.Next(2) == 0;
            case "string":
                return ValidString(schema, name);
            default:
                return null;
        }
    }

    private string? ValidString(JsonObject schema, string name)
    {
        var n = ++_counter;
        if (schema["format"]?.GetValue<string>() == "uuid")
        {
            return name switch
            {
                "departmentId" => SeedId("departments"),
                "personId" or "personIds" => SeedId("people"),
                "institutionIds" => SeedId("institutions"),
                _ => null, // parentId, parentBureauId: a random parent would only make another 400.
            };
        }

        if (schema["format"]?.GetValue<string>() == "date")
        {
            return "2020-01-02";
        }

        var pattern = schema["pattern"]?.GetValue<string>() ?? string.Empty;
        if (pattern.StartsWith("^[a-z0-9]+", StringComparison.Ordinal))
        {
            return $"fuzz-{n}";
        }

        if (pattern.Contains("[0-9]{4}", StringComparison.Ordinal) || name is "start" or "end")
        {
            return (1950 + random.Next(70)).ToString(CultureInfo.InvariantCulture);
        }

        if (pattern.StartsWith("^[a-z]", StringComparison.Ordinal))
        {
            return "wikidata";
        }

        return name switch
        {
            "lang" or "language" => "en",
            "url" or "website" => "https://example.org/fuzz",
            _ => $"Fuzz {n}",
        };
    }

    private string? SeedId(string resource) =>
        seed.IdsByResource.TryGetValue(resource, out var ids) && ids.Length > 0 ? ids[random.Next(ids.Length)].ToString() : null;

    private Guid AnySeedId()
    {
        var all = seed.IdsByResource.OrderBy(p => p.Key, StringComparer.Ordinal).SelectMany(p => p.Value).ToArray();
        return all[random.Next(all.Length)];
    }

    private Caller PickCaller(bool write)
    {
        var roll = random.Next(100);
        return write
            ? roll switch { < 68 => Caller.Editor, < 82 => Caller.Admin, < 94 => Caller.Anonymous, _ => Caller.BadKey }
            : roll switch { < 60 => Caller.Anonymous, < 82 => Caller.Editor, < 94 => Caller.Admin, _ => Caller.BadKey };
    }

    /// <summary>A placeholder string that <see cref="Serialize"/> swaps for raw JSON text.</summary>
    private JsonValue RawValue(string json)
    {
        _raw.Add(json);
        return JsonValue.Create($"{RawMarker}{_raw.Count - 1}")!;
    }

    private string BytesPlaceholder()
    {
        _bytes.Add(Pick<byte[]>([[0xFF, 0xFE], [0xC3, 0x28], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0x00], [0x61, 0x00, 0x62], [0xF4, 0x90, 0x80, 0x80], [0x1F]]));
        // Raw JSON text: the escape stays literal until ApplyBytes swaps it for the bytes.
        return $"\\u0001BYTES{_bytes.Count - 1}";
    }

    private byte[] Serialize(JsonNode? node, List<string> raw)
    {
        var text = node?.ToJsonString() ?? "null";
        for (var i = raw.Count - 1; i >= 0; i--)
        {
            text = text.Replace($"\"\\u0001RAW{i}\"", raw[i], StringComparison.Ordinal);
        }

        return ApplyBytes(text);
    }

    private byte[] ApplyBytes(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        for (var i = _bytes.Count - 1; i >= 0; i--)
        {
            var marker = Encoding.UTF8.GetBytes($"\\u0001BYTES{i}");
            var at = bytes.AsSpan().IndexOf(marker);
            if (at >= 0)
            {
                bytes = [.. bytes[..at], .. _bytes[i], .. bytes[(at + marker.Length)..]];
            }
        }

        return bytes;
    }

    private static string JsonString(string value) => JsonValue.Create(value).ToJsonString();

    private Guid RandomGuid()
    {
        var bytes = new byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes);
    }

    private byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    private T Pick<T>(T[] items) => items[random.Next(items.Length)];
}

/// <summary>The test keys, repeated here so the generator needs no factory.</summary>
internal static class RegistryApiFactoryKeys
{
    public const string Revoked = Infrastructure.RegistryApiFactory.RevokedKey;
}
