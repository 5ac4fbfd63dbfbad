using System.Text.RegularExpressions;
using FluentValidation;
using IldRegistry.Domain.Common;

namespace IldRegistry.Api.Common.Validation;

/// <summary>Rules shared by every resource.</summary>
public static partial class Rules
{
    /// <summary>The slug pattern as published in the OpenAPI document (ECMA-262).</summary>
    public const string SlugPattern = "^[a-z0-9]+(-[a-z0-9]+)*$";

    // BCP 47 language tag: language, optional script, region and variants (en, zh-Hans, zh-Latn-pinyin, pt-BR).
    public const string LanguageTagPattern = "^[a-zA-Z]{2,3}(-[a-zA-Z]{4})?(-([a-zA-Z]{2}|[0-9]{3}))?(-([a-zA-Z0-9]{5,8}|[0-9][a-zA-Z0-9]{3}))*$";

    public const int NameLength = 300;
    public const int TextLength = 4000;
    public const int UrlLength = 2000;

    /// <summary>The longest text filter (<c>q</c>) a list or search takes: a longer one costs the database seconds.</summary>
    public const int MaxQueryLength = 200;

    public const string QueryTooLong = "'q' must be at most 200 characters.";

    /// <summary>At most this many sources, other names or identifiers on one record.</summary>
    public const int MaxListItems = 100;

    public static IRuleBuilderOptions<T, List<TItem>> MaxCount<T, TItem>(this IRuleBuilder<T, List<TItem>> rule, int max) =>
        rule.SetValidator(new MaxCountValidator<T, TItem>(max));

    public static IRuleBuilderOptions<T, string?> AbsoluteHttpUrl<T>(this IRuleBuilder<T, string?> rule) =>
        rule.MaximumLength(UrlLength)
            .Must(url => url is null || (Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)))
            .WithMessage("'{PropertyName}' must be an absolute http or https URL.");

    public static IRuleBuilderOptions<T, string?> LanguageTag<T>(this IRuleBuilder<T, string?> rule) =>
        rule.MaximumLength(35)
            .Must(tag => tag is null || LanguageTagRegex().IsMatch(tag))
            .WithMessage("'{PropertyName}' must be a BCP 47 language tag such as en, zh-Hans or zh-Latn-pinyin.");

    public static IRuleBuilderOptions<T, string?> PartialDateText<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(text => text is null || PartialDate.TryParse(text, out _))
            .WithMessage($"'{{PropertyName}}' must be a date in one of these forms: {PartialDate.AcceptedForms}.");

    /// <summary>An end that lies wholly before its start is wrong; overlapping intervals are fine (1951 to 1951-06).</summary>
    public static bool EndNotBeforeStart(PartialDate? start, PartialDate? end) =>
        start is null || end is null || end.Upper >= start.Lower;

    /// <summary>
    /// The rules of every dated field (<see cref="DateSpan"/>), written once for posts, bodies, names and lives, each
    /// naming one field: an end not before its start; an end status that agrees with the end (Known needs the date,
    /// Unknown and Ongoing go without one); and the bounds of each date, which need the date, lie within it, and do not
    /// put "no later than" before "no earlier than". <paramref name="start"/> and <paramref name="end"/> are the JSON
    /// names (<c>established</c>, <c>dissolved</c>); a null status is one not sent (or a field without a status).
    /// </summary>
    public static void Dates<T>(AbstractValidator<T> validator, Func<T, SentDates> dates, string start, string end)
    {
        validator.RuleFor(r => dates(r).End)
            .Must((r, e) => EndNotBeforeStart(dates(r).Start, e))
            .WithMessage($"'{end}' must not be before '{start}'.")
            .OverridePropertyName(Pascal(end));
        // A start's status is what its date says; it may be sent back as read, and must then agree.
        validator.RuleFor(r => dates(r).StartStatus)
            .IsInEnum()
            .Must((r, status) => status != StartStatus.Known || dates(r).Start is not null)
            .WithMessage($"'{start}Status' Known needs '{start}': give the date, or say Unknown.")
            .Must((r, status) => status != StartStatus.Unknown || dates(r).Start is null)
            .WithMessage($"'{start}Status' Unknown cannot go with a '{start}' date: drop the date, or say Known.")
            .OverridePropertyName(Pascal(start) + "Status");
        validator.RuleFor(r => dates(r).EndStatus)
            .IsInEnum()
            .Must((r, status) => status != EndStatus.Known || dates(r).End is not null)
            .WithMessage($"'{end}Status' Known needs '{end}': give the date, or say Unknown or Ongoing.")
            .Must((r, status) => status is null or EndStatus.Known || dates(r).End is null)
            .WithMessage($"'{end}Status' Unknown or Ongoing cannot go with an '{end}' date: drop the date, or say Known.")
            .OverridePropertyName(Pascal(end) + "Status");
        Bounds(validator, r => dates(r).StartNotBefore, r => dates(r).StartNotAfter, r => dates(r).Start, start);
        Bounds(validator, r => dates(r).EndNotBefore, r => dates(r).EndNotAfter, r => dates(r).End, end);
    }

    private static void Bounds<T>(AbstractValidator<T> validator, Func<T, PartialDate?> notBefore, Func<T, PartialDate?> notAfter, Func<T, PartialDate?> date, string name)
    {
        foreach (var (bound, word) in new[] { (notBefore, "NotBefore"), (notAfter, "NotAfter") })
        {
            var field = name + word;
            validator.RuleFor(r => bound(r))
                .Must((r, b) => b is null || date(r) is not null)
                .WithMessage($"'{field}' needs '{name}': a bound narrows an uncertain date, so give the date it lies within (e.g. 2025).")
                .Must((r, b) => b is null || date(r) is not { } d || (b.Lower >= d.Lower && b.Upper <= d.Upper))
                .WithMessage(r => $"'{field}' must lie within '{name}' ({date(r)}).")
                .OverridePropertyName(Pascal(field));
        }

        validator.RuleFor(r => notAfter(r))
            .Must((r, after) => after is null || notBefore(r) is not { } b || b.Lower <= after.Upper)
            .WithMessage($"'{name}NotAfter' must not be before '{name}NotBefore'.")
            .OverridePropertyName(Pascal(name) + "NotAfter");
    }

    private static string Pascal(string name) => char.ToUpperInvariant(name[0]) + name[1..];

    /// <summary>Slug check for validators: \z, not $, since in .NET $ also matches before a final newline.</summary>
    [GeneratedRegex(@"^[a-z0-9]+(-[a-z0-9]+)*\z", RegexOptions.CultureInvariant)]
    public static partial Regex SlugRegex();

    [GeneratedRegex(@"^[a-zA-Z]{2,3}(-[a-zA-Z]{4})?(-([a-zA-Z]{2}|[0-9]{3}))?(-([a-zA-Z0-9]{5,8}|[0-9][a-zA-Z0-9]{3}))*\z", RegexOptions.CultureInvariant)]
    private static partial Regex LanguageTagRegex();
}

/// <summary>The dated fields of a request as sent (see <see cref="Rules.Dates{T}"/>); a null end status was not sent.</summary>
public readonly record struct SentDates(
    StartStatus? StartStatus,
    PartialDate? Start,
    PartialDate? StartNotBefore,
    PartialDate? StartNotAfter,
    PartialDate? End,
    EndStatus? EndStatus,
    PartialDate? EndNotBefore,
    PartialDate? EndNotAfter)
{
    public static SentDates Of(DateSpan span, StartStatus? startStatus, EndStatus? status) =>
        new(startStatus, span.Start, span.StartNotBefore, span.StartNotAfter, span.End, status, span.EndNotBefore, span.EndNotAfter);
}

/// <summary>A list's maximum length, which the OpenAPI document shows as <c>maxItems</c>.</summary>
public interface IMaxCountValidator
{
    int Max { get; }
}

public sealed class MaxCountValidator<T, TItem>(int max) : FluentValidation.Validators.PropertyValidator<T, List<TItem>>, IMaxCountValidator
{
    public int Max { get; } = max;

    public override string Name => "MaxCountValidator";

    public override bool IsValid(ValidationContext<T> context, List<TItem> value) => value is null || value.Count <= Max;

    protected override string GetDefaultMessageTemplate(string errorCode) => $"'{{PropertyName}}' may hold at most {Max} items.";
}

public sealed class SourceValidator : AbstractValidator<Source>
{
    public SourceValidator()
    {
        // A citation of a source record takes its title from the record; an inline citation describes its document.
        RuleFor(s => s.Title).NotEmpty().When(s => s.SourceId is null)
            .WithMessage("'Title' must not be empty: name the cited source record by 'sourceId', or describe the document inline with its title.");
        RuleFor(s => s.Title).MaximumLength(Rules.NameLength);
        RuleFor(s => s.SourceId).NotEqual(Guid.Empty).WithMessage("'sourceId' must be the id of a source record.");
        RuleFor(s => s.Fields).NotNull().MaxCount(Rules.MaxListItems);
        RuleForEach(s => s.Fields).NotEmpty().MaximumLength(100);
        RuleFor(s => s.Published).PartialDateText().OverridePropertyName("published");
        RuleFor(s => s.Url).AbsoluteHttpUrl();
        RuleFor(s => s.Publisher).MaximumLength(Rules.NameLength);
        RuleFor(s => s.Quote).MaximumLength(Rules.TextLength);
        RuleFor(s => s.Language).LanguageTag();
        RuleFor(s => s.Weight).IsInEnum();
        RuleFor(s => s.Attested).PartialDateText().OverridePropertyName("attested");
        foreach (var (bound, field) in new[] { ((System.Linq.Expressions.Expression<Func<Source, string?>>)(s => s.AttestedNotBefore), "attestedNotBefore"), (s => s.AttestedNotAfter, "attestedNotAfter") })
        {
            var get = bound.Compile();
            RuleFor(bound).PartialDateText().OverridePropertyName(field)
                .Must((s, b) => b is null || s.Attested is not null)
                .WithMessage($"'{field}' needs 'attested': a bound narrows an uncertain date, so give the date it lies within (e.g. 202X).")
                .Must((s, b) => !PartialDate.TryParse(b, out var d) || !PartialDate.TryParse(s.Attested, out var a) || (d.Lower >= a.Lower && d.Upper <= a.Upper))
                .WithMessage(s => $"'{field}' must lie within 'attested' ({s.Attested}).");
        }

        RuleFor(s => s.AttestedNotAfter)
            .Must((s, after) => !PartialDate.TryParse(after, out var a) || !PartialDate.TryParse(s.AttestedNotBefore, out var b) || b.Lower <= a.Upper)
            .WithMessage("'attestedNotAfter' must not be before 'attestedNotBefore'.")
            .OverridePropertyName("attestedNotAfter");
    }
}

public sealed class ClaimValidator : AbstractValidator<Claim>
{
    public ClaimValidator()
    {
        RuleFor(c => c.Field).NotEmpty().MaximumLength(100);
        RuleFor(c => c.Value).MaximumLength(Rules.TextLength);
        RuleFor(c => c.Note).MaximumLength(Rules.TextLength);
        RuleFor(c => c.Sources).NotNull().MaxCount(Rules.MaxListItems);
        RuleForEach(c => c.Sources).NotNull().SetValidator(new SourceValidator());
    }
}

public sealed class OtherNameValidator : AbstractValidator<OtherName>
{
    public OtherNameValidator()
    {
        RuleFor(n => n.Name).NotEmpty().MaximumLength(Rules.NameLength);
        RuleFor(n => n.Lang).NotEmpty().LanguageTag();
        RuleFor(n => n.Kind).IsInEnum();
        RuleFor(n => n.Start).PartialDateText();
        RuleFor(n => n.StartNotBefore).PartialDateText().OverridePropertyName("StartNotBefore");
        RuleFor(n => n.StartNotAfter).PartialDateText().OverridePropertyName("StartNotAfter");
        RuleFor(n => n.End).PartialDateText();
        RuleFor(n => n.EndNotBefore).PartialDateText().OverridePropertyName("EndNotBefore");
        RuleFor(n => n.EndNotAfter).PartialDateText().OverridePropertyName("EndNotAfter");
        RuleFor(n => n.EndStatus)
            .Must((n, status) => status != EndStatus.Ongoing || n.Kind != NameKind.Former)
            .WithMessage("'endStatus' Ongoing says the name is still in use, which a Former name is not: say Known (with 'end') or Unknown.");

        // A date that does not parse has its own error above; the rules between dates need them all.
        When(n => new[] { n.Start, n.StartNotBefore, n.StartNotAfter, n.End, n.EndNotBefore, n.EndNotAfter }.All(t => t is null || PartialDate.TryParse(t, out _)), () =>
            Rules.Dates(this, n => SentDates.Of(n.Use(), n.StartStatus, n.EndStatus), "start", "end"));
    }
}

public sealed class IdentifierValidator : AbstractValidator<Identifier>
{
    public IdentifierValidator()
    {
        RuleFor(i => i.Scheme).NotEmpty().MaximumLength(50).Matches("^[a-z][a-z0-9-]*$")
            .WithMessage("'Scheme' must be lower-case letters, digits and hyphens, e.g. wikidata or website.");
        RuleFor(i => i.Value).NotEmpty().MaximumLength(500);
    }
}
