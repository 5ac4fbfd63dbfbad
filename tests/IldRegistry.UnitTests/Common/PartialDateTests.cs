using System.Globalization;
using System.Text.Json;
using IldRegistry.Domain.Common;

namespace IldRegistry.UnitTests.Common;

public sealed class PartialDateTests
{
    public static TheoryData<string, string, string, DatePrecision, DateQualifier> AcceptedForms => new()
    {
        // Year.
        { "1951", "1951-01-01", "1951-12-31", DatePrecision.Year, DateQualifier.None },
        { "0001", "0001-01-01", "0001-12-31", DatePrecision.Year, DateQualifier.None },
        { "9999", "9999-01-01", "9999-12-31", DatePrecision.Year, DateQualifier.None },
        // Month, with month lengths and leap years.
        { "2022-01", "2022-01-01", "2022-01-31", DatePrecision.Month, DateQualifier.None },
        { "2022-02", "2022-02-01", "2022-02-28", DatePrecision.Month, DateQualifier.None },
        { "2024-02", "2024-02-01", "2024-02-29", DatePrecision.Month, DateQualifier.None },
        { "1900-02", "1900-02-01", "1900-02-28", DatePrecision.Month, DateQualifier.None },
        { "2000-02", "2000-02-01", "2000-02-29", DatePrecision.Month, DateQualifier.None },
        { "2022-04", "2022-04-01", "2022-04-30", DatePrecision.Month, DateQualifier.None },
        { "2022-12", "2022-12-01", "2022-12-31", DatePrecision.Month, DateQualifier.None },
        // Day.
        { "2022-02-14", "2022-02-14", "2022-02-14", DatePrecision.Day, DateQualifier.None },
        { "2000-02-29", "2000-02-29", "2000-02-29", DatePrecision.Day, DateQualifier.None },
        { "2024-02-29", "2024-02-29", "2024-02-29", DatePrecision.Day, DateQualifier.None },
        { "2022-01-31", "2022-01-31", "2022-01-31", DatePrecision.Day, DateQualifier.None },
        { "2022-04-30", "2022-04-30", "2022-04-30", DatePrecision.Day, DateQualifier.None },
        { "2022-12-31", "2022-12-31", "2022-12-31", DatePrecision.Day, DateQualifier.None },
        { "2022-01-01", "2022-01-01", "2022-01-01", DatePrecision.Day, DateQualifier.None },
        // Decade and century.
        { "198X", "1980-01-01", "1989-12-31", DatePrecision.Decade, DateQualifier.None },
        { "200X", "2000-01-01", "2009-12-31", DatePrecision.Decade, DateQualifier.None },
        { "001X", "0010-01-01", "0019-12-31", DatePrecision.Decade, DateQualifier.None },
        { "999X", "9990-01-01", "9999-12-31", DatePrecision.Decade, DateQualifier.None },
        { "19XX", "1900-01-01", "1999-12-31", DatePrecision.Century, DateQualifier.None },
        { "20XX", "2000-01-01", "2099-12-31", DatePrecision.Century, DateQualifier.None },
        { "01XX", "0100-01-01", "0199-12-31", DatePrecision.Century, DateQualifier.None },
        { "99XX", "9900-01-01", "9999-12-31", DatePrecision.Century, DateQualifier.None },
        // Qualifiers.
        { "1981~", "1981-01-01", "1981-12-31", DatePrecision.Year, DateQualifier.Approximate },
        { "2010?", "2010-01-01", "2010-12-31", DatePrecision.Year, DateQualifier.Uncertain },
        { "1981%", "1981-01-01", "1981-12-31", DatePrecision.Year, DateQualifier.ApproximateAndUncertain },
        { "2022-02~", "2022-02-01", "2022-02-28", DatePrecision.Month, DateQualifier.Approximate },
        { "2024-02?", "2024-02-01", "2024-02-29", DatePrecision.Month, DateQualifier.Uncertain },
        { "2022-02-14~", "2022-02-14", "2022-02-14", DatePrecision.Day, DateQualifier.Approximate },
        { "2022-02-14?", "2022-02-14", "2022-02-14", DatePrecision.Day, DateQualifier.Uncertain },
        { "2022-02-14%", "2022-02-14", "2022-02-14", DatePrecision.Day, DateQualifier.ApproximateAndUncertain },
        { "198X~", "1980-01-01", "1989-12-31", DatePrecision.Decade, DateQualifier.Approximate },
        { "19XX?", "1900-01-01", "1999-12-31", DatePrecision.Century, DateQualifier.Uncertain },
        { "19XX%", "1900-01-01", "1999-12-31", DatePrecision.Century, DateQualifier.ApproximateAndUncertain },
    };

    public static TheoryData<string> InvalidForms => new()
    {
        "",
        " ",
        " 1951",
        "1951 ",
        "2022-13",
        "2022-00",
        "2022-02-30",
        "2022-02-31",
        "2022-04-31",
        "2023-02-29",
        "1900-02-29",
        "2022-01-32",
        "2022-01-00",
        "20222",
        "195",
        "198XX",
        "0000",
        "0000-01",
        "0000-01-01",
        "000X",
        "00XX",
        "1X",
        "X",
        "XXXX",
        "1XXX",
        "19X5",
        "198x",
        "19xx",
        "2022-2",
        "2022-02-1",
        "22-02-2022",
        "14-02-2022",
        "2022/02",
        "2022.02",
        "2022-02-",
        "2022--02",
        "1981~~",
        "1981~?",
        "~1981",
        "?1981",
        "1981 ~",
        "2022-02-14T00:00",
        "2022-02-14T00:00:00Z",
        "2022-02-14 ",
        "-1951",
        "+1951",
        "1951-XX",
        "abcd",
    };

    [Theory]
    [MemberData(nameof(AcceptedForms))]
    public void Parse_accepts_form_with_interval_precision_and_qualifier(
        string text, string lower, string upper, DatePrecision precision, DateQualifier qualifier)
    {
        var value = PartialDate.Parse(text);

        Assert.Equal(text, value.Text);
        Assert.Equal(text, value.ToString());
        Assert.Equal(Day(lower), value.Lower);
        Assert.Equal(Day(upper), value.Upper);
        Assert.Equal(precision, value.Precision);
        Assert.Equal(qualifier, value.Qualifier);
    }

    [Theory]
    [MemberData(nameof(AcceptedForms))]
    public void FromStored_reads_a_stored_text_back_as_the_same_date(
        string text, string lower, string upper, DatePrecision precision, DateQualifier qualifier)
    {
        var value = PartialDate.FromStored(text);

        Assert.NotNull(value);
        Assert.Equal(PartialDate.Parse(text), value);
        Assert.Equal((text, Day(lower), Day(upper), precision, qualifier), (value.Text, value.Lower, value.Upper, value.Precision, value.Qualifier));
    }

    [Fact]
    public void FromStored_of_no_text_is_no_date() => Assert.Null(PartialDate.FromStored(null));

    [Fact]
    public void FromStored_of_a_corrupt_text_fails_loudly() => Assert.Throws<FormatException>(() => PartialDate.FromStored("2022-13"));

    [Theory]
    [MemberData(nameof(AcceptedForms))]
    public void TryParse_accepts_form_and_agrees_with_Parse(
        string text, string lower, string upper, DatePrecision precision, DateQualifier qualifier)
    {
        Assert.True(PartialDate.TryParse(text, out var value));

        Assert.Equal(text, value.Text);
        Assert.Equal(Day(lower), value.Lower);
        Assert.Equal(Day(upper), value.Upper);
        Assert.Equal(precision, value.Precision);
        Assert.Equal(qualifier, value.Qualifier);
        Assert.Equal(PartialDate.Parse(text), value);
    }

    [Theory]
    [MemberData(nameof(AcceptedForms))]
    public void Accepted_forms_match_the_published_pattern(
        string text, string lower, string upper, DatePrecision precision, DateQualifier qualifier)
    {
        _ = (lower, upper, precision, qualifier);

        Assert.Matches(PartialDate.Pattern, text);
    }

    [Theory]
    [MemberData(nameof(InvalidForms))]
    public void TryParse_rejects_invalid_form(string text)
    {
        Assert.False(PartialDate.TryParse(text, out var value));
        Assert.Null(value);
    }

    [Theory]
    [MemberData(nameof(InvalidForms))]
    public void Parse_rejects_invalid_form_with_message_listing_the_accepted_forms(string text)
    {
        var error = Assert.Throws<FormatException>(() => PartialDate.Parse(text));

        Assert.Contains($"'{text}'", error.Message, StringComparison.Ordinal);
        Assert.Contains(PartialDate.AcceptedForms, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_rejects_null()
    {
        Assert.False(PartialDate.TryParse(null, out var value));
        Assert.Null(value);
    }

    [Fact]
    public void Parse_rejects_null_with_FormatException()
    {
        var error = Assert.Throws<FormatException>(() => PartialDate.Parse(null!));

        Assert.Contains(PartialDate.AcceptedForms, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Accepted_forms_text_names_every_form()
    {
        foreach (var form in new[] { "YYYY", "YYYY-MM", "YYYY-MM-DD", "~", "?", "%", "198X", "19XX" })
        {
            Assert.Contains(form, PartialDate.AcceptedForms, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("1981\n")]
    [InlineData("2022-02\n")]
    [InlineData("198X\n")]
    [InlineData("19XX\n")]
    [InlineData("1981~\n")]
    [InlineData("2022-02-14\n")]
    public void TryParse_rejects_trailing_newline(string text)
    {
        // The pattern ends in '$', which in .NET also matches before a final '\n'.
        Assert.False(PartialDate.TryParse(text, out var value));
        Assert.Null(value);
    }

    [Theory]
    [InlineData("\u0661\u0669\u0668\u0661")] // ١٩٨١ (Arabic-Indic digits)
    [InlineData("\uFF11\uFF19\uFF18\uFF11")] // １９８１ (full-width digits)
    [InlineData("\u0661\u0669\u0668X")]
    public void TryParse_rejects_non_ascii_digits(string text)
    {
        // '\d' in .NET matches any Unicode decimal digit, but the number parsing only takes ASCII digits.
        Assert.False(PartialDate.TryParse(text, out var value));
        Assert.Null(value);
    }

    [Fact]
    public void FromDate_is_a_day_precision_value_without_qualifier()
    {
        var value = PartialDate.FromDate(new DateOnly(2022, 2, 14));

        Assert.Equal("2022-02-14", value.Text);
        Assert.Equal(new DateOnly(2022, 2, 14), value.Lower);
        Assert.Equal(new DateOnly(2022, 2, 14), value.Upper);
        Assert.Equal(DatePrecision.Day, value.Precision);
        Assert.Equal(DateQualifier.None, value.Qualifier);
        Assert.Equal(PartialDate.Parse("2022-02-14"), value);
    }

    [Fact]
    public void FromDate_pads_early_years_so_the_text_parses_back()
    {
        var value = PartialDate.FromDate(new DateOnly(5, 3, 9));

        Assert.Equal("0005-03-09", value.Text);
        Assert.Equal(value, PartialDate.Parse(value.Text));
    }

    [Fact]
    public void FromDate_text_does_not_depend_on_the_current_culture()
    {
        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("ar-SA");
            Assert.Equal("2022-02-14", PartialDate.FromDate(new DateOnly(2022, 2, 14)).Text);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Parse_does_not_depend_on_the_current_culture()
    {
        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("th-TH");
            var value = PartialDate.Parse("2022-02");
            Assert.Equal(new DateOnly(2022, 2, 1), value.Lower);
            Assert.Equal(new DateOnly(2022, 2, 28), value.Upper);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Sorting_orders_by_lower_then_upper_then_text()
    {
        string[] shuffled =
        [
            "1951-06-15", "1951~", "195X", "1952", "1951-06", "19XX", "1951", "1951-01", "1950",
            "1951-01-01", "198X", "1951?", "20XX", "1951-12-31",
        ];

        var sorted = shuffled.Select(PartialDate.Parse).Order().Select(d => d.Text).ToArray();

        string[] expected =
        [
            "19XX",       // 1900-01-01..1999-12-31
            "1950",       // 1950-01-01..1950-12-31
            "195X",       // 1950-01-01..1959-12-31
            "1951-01-01", // 1951-01-01..1951-01-01
            "1951-01",    // 1951-01-01..1951-01-31
            "1951",       // 1951-01-01..1951-12-31, then by text ordinal: "1951" < "1951?" < "1951~"
            "1951?",
            "1951~",
            "1951-06",    // 1951-06-01..1951-06-30
            "1951-06-15",
            "1951-12-31",
            "1952",
            "198X",
            "20XX",
        ];
        Assert.Equal(expected, sorted);
    }

    [Fact]
    public void A_year_sorts_after_its_first_month_but_before_its_later_months()
    {
        var year = PartialDate.Parse("2022");

        Assert.True(year.CompareTo(PartialDate.Parse("2022-01")) > 0);
        Assert.True(year.CompareTo(PartialDate.Parse("2022-02")) < 0);
        Assert.True(year.CompareTo(PartialDate.Parse("2021-12-31")) > 0);
    }

    [Fact]
    public void CompareTo_is_zero_only_for_the_same_text()
    {
        Assert.Equal(0, PartialDate.Parse("1981~").CompareTo(PartialDate.Parse("1981~")));
        Assert.NotEqual(0, PartialDate.Parse("1981").CompareTo(PartialDate.Parse("1981~")));
        Assert.NotEqual(0, PartialDate.Parse("1981?").CompareTo(PartialDate.Parse("1981%")));
    }

    [Fact]
    public void CompareTo_is_antisymmetric()
    {
        string[] texts = ["19XX", "195X", "1951", "1951~", "1951-01", "1951-01-01", "2022-02-14%"];
        var values = texts.Select(PartialDate.Parse).ToArray();

        foreach (var a in values)
        {
            foreach (var b in values)
            {
                Assert.Equal(Math.Sign(a.CompareTo(b)), -Math.Sign(b.CompareTo(a)));
            }
        }
    }

    [Fact]
    public void CompareTo_null_is_greater()
    {
        Assert.True(PartialDate.Parse("1951").CompareTo(null) > 0);
    }

    [Fact]
    public void Comparison_operators_follow_CompareTo()
    {
        var early = PartialDate.Parse("1951");
        var late = PartialDate.Parse("1951-06");
        var sameAsEarly = PartialDate.Parse("1951");

        Assert.True(early < late);
        Assert.True(early <= late);
        Assert.True(early <= sameAsEarly);
        Assert.True(late > early);
        Assert.True(late >= early);
        Assert.True(early >= sameAsEarly);
        Assert.False(late < early);
        Assert.False(early > late);
    }

    [Theory]
    [InlineData("2022-04", "2022-04-01", true)]
    [InlineData("2022-04", "2022-04-30", true)]
    [InlineData("2022-04", "2022-03-31", false)]
    [InlineData("2022-04", "2022-05-01", false)]
    [InlineData("2015", "2015-01-01", true)]
    [InlineData("2015", "2015-07-15", true)]
    [InlineData("2015", "2015-12-31", true)]
    [InlineData("2015", "2014-12-31", false)]
    [InlineData("2015", "2016-01-01", false)]
    [InlineData("2022-02-14", "2022-02-14", true)]
    [InlineData("2022-02-14", "2022-02-13", false)]
    [InlineData("2022-02-14", "2022-02-15", false)]
    [InlineData("2024-02", "2024-02-29", true)]
    [InlineData("198X", "1980-01-01", true)]
    [InlineData("198X", "1989-12-31", true)]
    [InlineData("198X", "1990-01-01", false)]
    [InlineData("198X", "1979-12-31", false)]
    [InlineData("19XX", "1900-01-01", true)]
    [InlineData("19XX", "1999-12-31", true)]
    [InlineData("19XX", "2000-01-01", false)]
    [InlineData("1981~", "1981-06-01", true)]
    [InlineData("1981~", "1982-01-01", false)]
    public void Contains_covers_the_whole_interval_inclusive(string text, string date, bool expected)
    {
        Assert.Equal(expected, PartialDate.Parse(text).Contains(Day(date)));
    }

    [Fact]
    public void As_of_query_for_a_post_held_from_2015_to_2022_04()
    {
        var start = PartialDate.Parse("2015");
        var end = PartialDate.Parse("2022-04");

        bool HeldOn(DateOnly day) => start.Lower <= day && day <= end.Upper;

        Assert.True(end.Contains(new DateOnly(2022, 4, 30)));
        Assert.False(end.Contains(new DateOnly(2022, 5, 1)));
        Assert.True(start.Contains(new DateOnly(2015, 1, 1)));
        Assert.True(start.Contains(new DateOnly(2015, 12, 31)));
        Assert.True(HeldOn(new DateOnly(2015, 1, 1)));
        Assert.True(HeldOn(new DateOnly(2022, 4, 30)));
        Assert.False(HeldOn(new DateOnly(2014, 12, 31)));
        Assert.False(HeldOn(new DateOnly(2022, 5, 1)));
    }

    [Fact]
    public void Equality_and_hash_code_are_by_text()
    {
        var a = PartialDate.Parse("198X");
        var b = PartialDate.Parse("198X");

        Assert.NotSame(a, b);
        Assert.Equal(a, b);
        Assert.True(a.Equals(b));
        Assert.True(a.Equals((object)b));
        Assert.True(a == b);
        Assert.False(a != b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.Single(new HashSet<PartialDate> { a, b });
    }

    [Theory]
    [InlineData("1981", "1981~")]
    [InlineData("1981~", "1981?")]
    [InlineData("1981?", "1981%")]
    [InlineData("2022-02", "2022-02-01")]
    [InlineData("198X", "1980")]
    public void Values_with_different_text_are_not_equal_even_when_intervals_overlap(string left, string right)
    {
        var a = PartialDate.Parse(left);
        var b = PartialDate.Parse(right);

        Assert.NotEqual(a, b);
        Assert.False(a.Equals(b));
        Assert.False(a == b);
        Assert.True(a != b);
    }

    [Fact]
    public void Same_interval_with_different_qualifier_is_not_equal()
    {
        var plain = PartialDate.Parse("1981");
        var approximate = PartialDate.Parse("1981~");

        Assert.Equal(plain.Lower, approximate.Lower);
        Assert.Equal(plain.Upper, approximate.Upper);
        Assert.NotEqual(plain, approximate);
    }

    [Fact]
    public void Equality_with_null_and_other_types()
    {
        var value = PartialDate.Parse("1951");
        PartialDate? none = null;

        Assert.False(value.Equals(null));
        Assert.False(value.Equals((object?)null));
        Assert.False(value.Equals("1951"));
        Assert.False(value == none);
        Assert.True(value != none);
        Assert.True(none == null);
    }

    [Theory]
    [InlineData("1951")]
    [InlineData("2022-02")]
    [InlineData("2022-02-14")]
    [InlineData("1981~")]
    [InlineData("2010?")]
    [InlineData("1981%")]
    [InlineData("2022-02-14~")]
    [InlineData("198X")]
    [InlineData("19XX")]
    [InlineData("19XX%")]
    public void Json_round_trip_writes_the_text_exactly_as_given(string text)
    {
        var holder = new Holder { Date = PartialDate.Parse(text) };

        var json = JsonSerializer.Serialize(holder);
        var back = JsonSerializer.Deserialize<Holder>(json);

        Assert.Equal($$"""{"Date":"{{text}}"}""", json);
        Assert.NotNull(back?.Date);
        Assert.Equal(text, back.Date.Text);
        Assert.Equal(holder.Date, back.Date);
        Assert.Equal(holder.Date.Lower, back.Date.Lower);
        Assert.Equal(holder.Date.Upper, back.Date.Upper);
        Assert.Equal(holder.Date.Precision, back.Date.Precision);
        Assert.Equal(holder.Date.Qualifier, back.Date.Qualifier);
    }

    [Fact]
    public void Json_serializes_a_bare_value_as_a_string()
    {
        Assert.Equal("\"198X\"", JsonSerializer.Serialize(PartialDate.Parse("198X")));
        Assert.Equal(PartialDate.Parse("19XX"), JsonSerializer.Deserialize<PartialDate>("\"19XX\""));
    }

    [Fact]
    public void Json_null_reads_as_null_and_writes_as_null()
    {
        var back = JsonSerializer.Deserialize<Holder>("""{"Date":null}""");

        Assert.NotNull(back);
        Assert.Null(back.Date);
        Assert.Equal("""{"Date":null}""", JsonSerializer.Serialize(new Holder()));
    }

    [Theory]
    [InlineData("2022-13")]
    [InlineData("2023-02-29")]
    [InlineData("198XX")]
    [InlineData("")]
    [InlineData("1981~~")]
    [InlineData("2022-02-14T00:00")]
    public void Json_invalid_string_throws_JsonException_listing_the_accepted_forms(string text)
    {
        var json = $$"""{"Date":"{{text}}"}""";

        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Holder>(json));

        Assert.Contains($"'{text}'", error.Message, StringComparison.Ordinal);
        Assert.Contains(PartialDate.AcceptedForms, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"Date":1951}""")]
    [InlineData("""{"Date":true}""")]
    [InlineData("""{"Date":{}}""")]
    [InlineData("""{"Date":["1951"]}""")]
    public void Json_non_string_throws_JsonException_listing_the_accepted_forms(string json)
    {
        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Holder>(json));

        Assert.Contains(PartialDate.AcceptedForms, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_invalid_string_with_trailing_newline_throws_JsonException()
    {
        var error = Record.Exception(() => JsonSerializer.Deserialize<Holder>("""{"Date":"1981\n"}"""));

        Assert.IsType<JsonException>(error);
    }

    private static DateOnly Day(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private sealed class Holder
    {
        public PartialDate? Date { get; set; }
    }
}
