using FluentValidation;
using FluentValidation.TestHelper;
using IldRegistry.Api.Common.Validation;
using IldRegistry.Domain.Common;

namespace IldRegistry.UnitTests.Common;

public sealed class RulesTests
{
    private static readonly InlineValidator<Probe> ProbeValidator = CreateProbeValidator();

    [Theory]
    [InlineData("ild")]
    [InlineData("cpsu-international-department")]
    [InlineData("a1")]
    [InlineData("a")]
    [InlineData("1")]
    [InlineData("2022")]
    [InlineData("first-asia-bureau-2")]
    public void Slug_pattern_accepts(string slug)
    {
        Assert.Matches(Rules.SlugPattern, slug);
    }

    [Theory]
    [InlineData("ILD")]
    [InlineData("Ild")]
    [InlineData("-ild")]
    [InlineData("ild-")]
    [InlineData("il--d")]
    [InlineData("il d")]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("-")]
    [InlineData("il_d")]
    [InlineData("il.d")]
    [InlineData("ild/x")]
    [InlineData("caf\u00e9")]
    public void Slug_pattern_rejects(string slug)
    {
        Assert.DoesNotMatch(Rules.SlugPattern, slug);
    }

    [Fact]
    public void Slug_pattern_rejects_trailing_newline()
    {
        // '$' in .NET also matches before a final '\n', so validators use SlugRegex (\z).
        Assert.DoesNotMatch(Rules.SlugRegex(), "ild\n");
    }

    [Theory]
    [InlineData("en")]
    [InlineData("zh")]
    [InlineData("zh-Hans")]
    [InlineData("zh-Hant")]
    [InlineData("zh-Latn-pinyin")]
    [InlineData("pt-BR")]
    [InlineData("es-419")]
    [InlineData("fil")]
    [InlineData("zh-Hans-CN")]
    [InlineData("de-DE-1996")]
    [InlineData("sl-rozaj")]
    [InlineData("EN")]
    public void Language_tag_accepts(string tag)
    {
        Assert.Matches(Rules.LanguageTagPattern, tag);
        Assert.True(ProbeValidator.Validate(new Probe { Lang = tag }).IsValid);
    }

    [Theory]
    [InlineData("english")]
    [InlineData("zh_Hans")]
    [InlineData("")]
    [InlineData("z")]
    [InlineData("x y")]
    [InlineData(" en")]
    [InlineData("en-")]
    [InlineData("-en")]
    [InlineData("en--US")]
    [InlineData("e1")]
    [InlineData("en-US-")]
    [InlineData("en-U")]
    [InlineData("en-1234567890")]
    public void Language_tag_rejects(string tag)
    {
        Assert.DoesNotMatch(Rules.LanguageTagPattern, tag);
        ProbeValidator.TestValidate(new Probe { Lang = tag }).ShouldHaveValidationErrorFor(p => p.Lang)
            .WithErrorMessage("'Lang' must be a BCP 47 language tag such as en, zh-Hans or zh-Latn-pinyin.");
    }

    [Fact]
    public void Language_tag_longer_than_35_characters_is_rejected()
    {
        var tag = "en-" + string.Join('-', Enumerable.Repeat("abcdefgh", 4)); // 38 characters, matches the pattern
        Assert.Matches(Rules.LanguageTagPattern, tag);

        ProbeValidator.TestValidate(new Probe { Lang = tag }).ShouldHaveValidationErrorFor(p => p.Lang);
    }

    [Fact]
    public void Language_tag_with_trailing_newline_is_rejected()
    {
        // '$' in .NET also matches before a final '\n'.
        ProbeValidator.TestValidate(new Probe { Lang = "en\n" }).ShouldHaveValidationErrorFor(p => p.Lang);
    }

    [Fact]
    public void Language_tag_with_non_ascii_digits_is_rejected()
    {
        // '\d' in .NET matches any Unicode decimal digit: es-٤١٩ (Arabic-Indic 419).
        ProbeValidator.TestValidate(new Probe { Lang = "es-\u0664\u0661\u0669" }).ShouldHaveValidationErrorFor(p => p.Lang);
    }

    [Theory]
    [InlineData("https://www.idcpc.org.cn/")]
    [InlineData("http://www.idcpc.org.cn/jgjs/")]
    [InlineData("https://example.org/path?query=1#frag")]
    [InlineData("HTTPS://EXAMPLE.ORG")]
    [InlineData("https://localhost:8080/x")]
    [InlineData(null)]
    public void Absolute_http_url_accepts(string? url)
    {
        ProbeValidator.TestValidate(new Probe { Url = url }).ShouldNotHaveValidationErrorFor(p => p.Url);
    }

    [Theory]
    [InlineData("ftp://example.org/file")]
    [InlineData("/relative/path")]
    [InlineData("relative/path")]
    [InlineData("www.example.org")]
    [InlineData("javascript:alert(1)")]
    [InlineData("mailto:someone@example.org")]
    [InlineData("file:///etc/passwd")]
    [InlineData("data:text/html,hi")]
    [InlineData("")]
    [InlineData("http://")]
    [InlineData("https:// example.org")]
    public void Absolute_http_url_rejects(string url)
    {
        ProbeValidator.TestValidate(new Probe { Url = url }).ShouldHaveValidationErrorFor(p => p.Url)
            .WithErrorMessage("'Url' must be an absolute http or https URL.");
    }

    [Fact]
    public void Absolute_http_url_longer_than_the_limit_is_rejected()
    {
        var url = "https://example.org/" + new string('a', Rules.UrlLength);

        ProbeValidator.TestValidate(new Probe { Url = url }).ShouldHaveValidationErrorFor(p => p.Url);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("1951")]
    [InlineData("2022-02")]
    [InlineData("2022-02-14")]
    [InlineData("1981~")]
    [InlineData("2010?")]
    [InlineData("1981%")]
    [InlineData("198X")]
    [InlineData("19XX")]
    [InlineData("2000-02-29")]
    public void Partial_date_text_accepts(string? text)
    {
        ProbeValidator.TestValidate(new Probe { Date = text }).ShouldNotHaveValidationErrorFor(p => p.Date);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("2022-13")]
    [InlineData("2023-02-29")]
    [InlineData("198XX")]
    [InlineData("0000")]
    [InlineData("22-02-2022")]
    [InlineData("2022-02-14T00:00")]
    public void Partial_date_text_rejects_with_message_listing_the_forms(string text)
    {
        ProbeValidator.TestValidate(new Probe { Date = text }).ShouldHaveValidationErrorFor(p => p.Date)
            .WithErrorMessage($"'Date' must be a date in one of these forms: {PartialDate.AcceptedForms}.");
    }

    [Theory]
    [InlineData("1951", "1951-06")]
    [InlineData("1951-06", "1951")]
    [InlineData("1951", "1951")]
    [InlineData("1951", "1952")]
    [InlineData("1951-06-15", "1951-06-15")]
    [InlineData("1951-06-15", "1951-06")]
    [InlineData("195X", "1950")]
    [InlineData("1959", "195X")]
    [InlineData("19XX", "1901")]
    [InlineData("1981~", "1981?")]
    [InlineData("2015", "2022-04")]
    public void End_not_before_start_allows_overlapping_or_later_end(string start, string end)
    {
        Assert.True(Rules.EndNotBeforeStart(PartialDate.Parse(start), PartialDate.Parse(end)));
    }

    [Theory]
    [InlineData("1990", "1980")]
    [InlineData("1951-06", "1951-05")]
    [InlineData("1951-06-15", "1951-06-14")]
    [InlineData("1951-07", "1951-06-30")]
    [InlineData("1960", "195X")]
    [InlineData("20XX", "1999")]
    [InlineData("1952", "1951-12-31")]
    public void End_not_before_start_rejects_end_wholly_before_start(string start, string end)
    {
        Assert.False(Rules.EndNotBeforeStart(PartialDate.Parse(start), PartialDate.Parse(end)));
    }

    [Fact]
    public void End_not_before_start_allows_a_missing_side()
    {
        Assert.True(Rules.EndNotBeforeStart(null, PartialDate.Parse("1980")));
        Assert.True(Rules.EndNotBeforeStart(PartialDate.Parse("1990"), null));
        Assert.True(Rules.EndNotBeforeStart(null, null));
    }

    [Fact]
    public void Source_validator_accepts_a_complete_source()
    {
        var result = new SourceValidator().Validate(ValidSource());

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
    }

    [Fact]
    public void Source_validator_accepts_a_source_with_only_a_title()
    {
        Assert.True(new SourceValidator().Validate(new Source { Title = "Some book" }).IsValid);
    }

    [Fact]
    public void Source_validator_requires_title()
    {
        var source = ValidSource();
        source.Title = "";

        new SourceValidator().TestValidate(source).ShouldHaveValidationErrorFor(s => s.Title).Only();
    }

    [Fact]
    public void Source_validator_limits_title_length()
    {
        var source = ValidSource();
        source.Title = new string('t', Rules.NameLength + 1);

        new SourceValidator().TestValidate(source).ShouldHaveValidationErrorFor(s => s.Title).Only();
    }

    [Fact]
    public void Source_validator_accepts_title_at_the_length_limit()
    {
        var source = ValidSource();
        source.Title = new string('t', Rules.NameLength);

        Assert.True(new SourceValidator().Validate(source).IsValid);
    }

    [Fact]
    public void Source_validator_rejects_non_http_url()
    {
        var source = ValidSource();
        source.Url = "ftp://example.org/report.pdf";

        new SourceValidator().TestValidate(source).ShouldHaveValidationErrorFor(s => s.Url).Only();
    }

    [Fact]
    public void Source_validator_limits_publisher_length()
    {
        var source = ValidSource();
        source.Publisher = new string('p', Rules.NameLength + 1);

        new SourceValidator().TestValidate(source).ShouldHaveValidationErrorFor(s => s.Publisher).Only();
    }

    [Fact]
    public void Source_validator_limits_quote_length()
    {
        var source = ValidSource();
        source.Quote = new string('q', Rules.TextLength + 1);

        new SourceValidator().TestValidate(source).ShouldHaveValidationErrorFor(s => s.Quote).Only();
    }

    [Fact]
    public void Source_validator_rejects_bad_language()
    {
        var source = ValidSource();
        source.Language = "english";

        new SourceValidator().TestValidate(source).ShouldHaveValidationErrorFor(s => s.Language).Only();
    }

    [Fact]
    public void Other_name_validator_accepts_a_complete_name()
    {
        var result = new OtherNameValidator().Validate(ValidOtherName());

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
    }

    [Fact]
    public void Other_name_validator_requires_name()
    {
        var name = ValidOtherName();
        name.Name = "";

        new OtherNameValidator().TestValidate(name).ShouldHaveValidationErrorFor(n => n.Name).Only();
    }

    [Fact]
    public void Other_name_validator_limits_name_length()
    {
        var name = ValidOtherName();
        name.Name = new string('n', Rules.NameLength + 1);

        new OtherNameValidator().TestValidate(name).ShouldHaveValidationErrorFor(n => n.Name).Only();
    }

    [Fact]
    public void Other_name_validator_rejects_bad_lang()
    {
        var name = ValidOtherName();
        name.Lang = "x y";

        var result = new OtherNameValidator().TestValidate(name);

        result.ShouldHaveValidationErrorFor(n => n.Lang).Only();
        Assert.Equal("Lang", Assert.Single(result.Errors).PropertyName);
    }

    [Fact]
    public void Other_name_validator_requires_lang()
    {
        var name = ValidOtherName();
        name.Lang = "";

        new OtherNameValidator().TestValidate(name).ShouldHaveValidationErrorFor(n => n.Lang).Only();
    }

    [Fact]
    public void Other_name_validator_rejects_undefined_kind()
    {
        var name = ValidOtherName();
        name.Kind = (NameKind)99;

        new OtherNameValidator().TestValidate(name).ShouldHaveValidationErrorFor(n => n.Kind).Only();
    }

    [Fact]
    public void Other_name_validator_rejects_bad_start()
    {
        var name = ValidOtherName();
        name.Start = "1951-13";

        new OtherNameValidator().TestValidate(name).ShouldHaveValidationErrorFor(n => n.Start).Only();
    }

    [Fact]
    public void Other_name_validator_rejects_bad_end_once()
    {
        var name = ValidOtherName();
        name.End = "2022-02-30";

        var result = new OtherNameValidator().TestValidate(name);

        result.ShouldHaveValidationErrorFor(n => n.End).Only();
        Assert.Single(result.Errors);
    }

    [Fact]
    public void Other_name_validator_rejects_end_before_start()
    {
        var name = ValidOtherName();
        name.Start = "1990";
        name.End = "1980";

        new OtherNameValidator().TestValidate(name).ShouldHaveValidationErrorFor(n => n.End)
            .WithErrorMessage("'end' must not be before 'start'.").Only();
    }

    [Theory]
    [InlineData("1951", "1951-06")]
    [InlineData("198X", "1985~")]
    [InlineData(null, "1980")]
    [InlineData("1990", null)]
    [InlineData(null, null)]
    public void Other_name_validator_accepts_overlapping_or_open_ranges(string? start, string? end)
    {
        var name = ValidOtherName();
        name.Start = start;
        name.End = end;

        Assert.True(new OtherNameValidator().Validate(name).IsValid);
    }

    [Fact]
    public void Other_name_validator_skips_the_order_check_when_start_is_invalid()
    {
        var name = ValidOtherName();
        name.Start = "1990-13";
        name.End = "1980";

        var result = new OtherNameValidator().TestValidate(name);

        result.ShouldHaveValidationErrorFor(n => n.Start);
        result.ShouldNotHaveValidationErrorFor(n => n.End);
    }

    [Fact]
    public void Other_name_validator_does_not_throw_on_a_date_with_trailing_newline()
    {
        var name = ValidOtherName();
        name.Start = "1981\n";

        var error = Record.Exception(() => new OtherNameValidator().Validate(name));

        Assert.Null(error);
    }

    [Fact]
    public void Identifier_validator_accepts_a_valid_identifier()
    {
        Assert.True(new IdentifierValidator().Validate(new Identifier { Scheme = "wikidata", Value = "Q1044537" }).IsValid);
        Assert.True(new IdentifierValidator().Validate(new Identifier { Scheme = "website", Value = "https://www.idcpc.org.cn/" }).IsValid);
        Assert.True(new IdentifierValidator().Validate(new Identifier { Scheme = "isni-2", Value = "x" }).IsValid);
    }

    [Fact]
    public void Identifier_validator_requires_scheme()
    {
        new IdentifierValidator().TestValidate(new Identifier { Scheme = "", Value = "Q1" })
            .ShouldHaveValidationErrorFor(i => i.Scheme);
    }

    [Theory]
    [InlineData("Wikidata")]
    [InlineData("1wikidata")]
    [InlineData("-wikidata")]
    [InlineData("wiki data")]
    [InlineData("wiki_data")]
    public void Identifier_validator_rejects_badly_formed_scheme(string scheme)
    {
        new IdentifierValidator().TestValidate(new Identifier { Scheme = scheme, Value = "Q1" })
            .ShouldHaveValidationErrorFor(i => i.Scheme)
            .WithErrorMessage("'Scheme' must be lower-case letters, digits and hyphens, e.g. wikidata or website.")
            .Only();
    }

    [Fact]
    public void Identifier_validator_limits_scheme_length()
    {
        new IdentifierValidator().TestValidate(new Identifier { Scheme = new string('s', 51), Value = "Q1" })
            .ShouldHaveValidationErrorFor(i => i.Scheme).Only();
        Assert.True(new IdentifierValidator().Validate(new Identifier { Scheme = new string('s', 50), Value = "Q1" }).IsValid);
    }

    [Fact]
    public void Identifier_validator_requires_value()
    {
        new IdentifierValidator().TestValidate(new Identifier { Scheme = "wikidata", Value = "" })
            .ShouldHaveValidationErrorFor(i => i.Value).Only();
    }

    [Fact]
    public void Identifier_validator_limits_value_length()
    {
        new IdentifierValidator().TestValidate(new Identifier { Scheme = "wikidata", Value = new string('v', 501) })
            .ShouldHaveValidationErrorFor(i => i.Value).Only();
        Assert.True(new IdentifierValidator().Validate(new Identifier { Scheme = "wikidata", Value = new string('v', 500) }).IsValid);
    }

    private static Source ValidSource() => new()
    {
        Title = "International Department of the CPC Central Committee",
        Url = "https://www.idcpc.org.cn/",
        Publisher = "IDCPC",
        RetrievedOn = new DateOnly(2024, 1, 15),
        Quote = "The International Department is a functional department of the CPC Central Committee.",
        Language = "zh-Hans",
    };

    private static OtherName ValidOtherName() => new()
    {
        Name = "Zhonglianbu",
        Lang = "zh-Latn-pinyin",
        Kind = NameKind.Romanized,
        Start = "1951",
        End = "2022-04",
    };

    private static InlineValidator<Probe> CreateProbeValidator()
    {
        var validator = new InlineValidator<Probe>();
        validator.RuleFor(p => p.Url).AbsoluteHttpUrl();
        validator.RuleFor(p => p.Lang).LanguageTag();
        validator.RuleFor(p => p.Date).PartialDateText();
        return validator;
    }

    private sealed class Probe
    {
        public string? Url { get; set; }

        public string? Lang { get; set; }

        public string? Date { get; set; }
    }
}
