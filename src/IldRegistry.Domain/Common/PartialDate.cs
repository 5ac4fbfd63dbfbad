using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace IldRegistry.Domain.Common;

/// <summary>How much of a <see cref="PartialDate"/> is known.</summary>
public enum DatePrecision
{
    Century,
    Decade,
    Year,
    Month,
    Day,
}

/// <summary>EDTF level 1 qualification of a date.</summary>
public enum DateQualifier
{
    None,
    /// <summary><c>~</c>: approximately.</summary>
    Approximate,
    /// <summary><c>?</c>: uncertain.</summary>
    Uncertain,
    /// <summary><c>%</c>: approximate and uncertain.</summary>
    ApproximateAndUncertain,
}

/// <summary>
/// A date known to the day, month, year, decade or century, written as ISO 8601 reduced precision with the
/// EDTF (ISO 8601-2) level 1 qualifiers: <c>1951</c>, <c>2022-02</c>, <c>2022-02-14</c>, <c>1981~</c>,
/// <c>2010?</c>, <c>1981%</c>, <c>198X</c>, <c>19XX</c>. Every value covers the interval
/// <see cref="Lower"/>..<see cref="Upper"/> (inclusive), which is what comparisons and as-of queries use.
/// </summary>
[JsonConverter(typeof(PartialDateJsonConverter))]
public sealed partial class PartialDate : IEquatable<PartialDate>, IComparable<PartialDate>
{
    /// <summary>The forms accepted, for error messages and the OpenAPI document.</summary>
    public const string AcceptedForms =
        "YYYY, YYYY-MM or YYYY-MM-DD (e.g. 1951, 2022-02, 2022-02-14), optionally followed by ~ (approximate), " +
        "? (uncertain) or % (both), or a decade or century with unspecified digits (198X, 19XX)";

    /// <summary>A regular expression for the accepted forms (checked further for real calendar dates).</summary>
    public const string Pattern =
        "^([0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?|[0-9]{3}X|[0-9]{2}XX)[~?%]?$";

    // EF Core materializes through this constructor and the private setters.
    private PartialDate()
    {
        Text = string.Empty;
    }

    private PartialDate(string text, DateOnly lower, DateOnly upper, DatePrecision precision, DateQualifier qualifier)
    {
        Text = text;
        Lower = lower;
        Upper = upper;
        Precision = precision;
        Qualifier = qualifier;
    }

    /// <summary>The value exactly as written (e.g. <c>2022-02</c>, <c>198X</c>, <c>1981~</c>).</summary>
    public string Text { get; private set; }

    /// <summary>The first day the value covers.</summary>
    public DateOnly Lower { get; private set; }

    /// <summary>The last day the value covers.</summary>
    public DateOnly Upper { get; private set; }

    public DatePrecision Precision { get; private set; }

    public DateQualifier Qualifier { get; private set; }

    /// <summary>Parses one of the <see cref="AcceptedForms"/>; throws <see cref="FormatException"/> otherwise.</summary>
    public static PartialDate Parse(string text) =>
        TryParse(text, out var value)
            ? value
            : throw new FormatException(NotADate(text));

    /// <summary>
    /// The date a stored <see cref="Text"/> column holds, or null when it holds none. Queries project the text column
    /// and parse it with this rather than project the date itself: EF Core materializes the whole owning entity
    /// (JSON columns included) to hand out a complex property, which costs more than the rest of a list page.
    /// </summary>
    /// <summary>The message for text that is not a date: what was given, and the forms accepted.</summary>
    public static string NotADate(string? text) => $"'{text}' is not a valid date. Accepted forms: {AcceptedForms}.";

    public static PartialDate? FromStored(string? text) => text is null ? null : Parse(text);

    /// <summary>Parses one of the <see cref="AcceptedForms"/>.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out PartialDate? value)
    {
        value = null;
        if (string.IsNullOrEmpty(text) || text.Length > 11 || !FormRegex().IsMatch(text))
        {
            return false;
        }

        var qualifier = text[^1] switch
        {
            '~' => DateQualifier.Approximate,
            '?' => DateQualifier.Uncertain,
            '%' => DateQualifier.ApproximateAndUncertain,
            _ => DateQualifier.None,
        };
        var body = qualifier == DateQualifier.None ? text : text[..^1];

        if (body.EndsWith("XX", StringComparison.Ordinal))
        {
            var century = Number(body.AsSpan(0, 2)) * 100;
            if (century == 0)
            {
                return false;
            }

            value = new PartialDate(text, new DateOnly(century, 1, 1), new DateOnly(century + 99, 12, 31), DatePrecision.Century, qualifier);
            return true;
        }

        if (body.EndsWith('X'))
        {
            var decade = Number(body.AsSpan(0, 3)) * 10;
            if (decade == 0)
            {
                return false;
            }

            value = new PartialDate(text, new DateOnly(decade, 1, 1), new DateOnly(decade + 9, 12, 31), DatePrecision.Decade, qualifier);
            return true;
        }

        var year = Number(body.AsSpan(0, 4));
        if (year < 1)
        {
            return false;
        }

        if (body.Length == 4)
        {
            value = new PartialDate(text, new DateOnly(year, 1, 1), new DateOnly(year, 12, 31), DatePrecision.Year, qualifier);
            return true;
        }

        var month = Number(body.AsSpan(5, 2));
        var daysInMonth = DateTime.DaysInMonth(year, month);
        if (body.Length == 7)
        {
            value = new PartialDate(text, new DateOnly(year, month, 1), new DateOnly(year, month, daysInMonth), DatePrecision.Month, qualifier);
            return true;
        }

        var day = Number(body.AsSpan(8, 2));
        if (day > daysInMonth)
        {
            return false;
        }

        var date = new DateOnly(year, month, day);
        value = new PartialDate(text, date, date, DatePrecision.Day, qualifier);
        return true;
    }

    /// <summary>A day-precision value for a calendar date.</summary>
    public static PartialDate FromDate(DateOnly date) =>
        new(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), date, date, DatePrecision.Day, DateQualifier.None);

    /// <summary>Whether <paramref name="date"/> falls inside the interval this value covers.</summary>
    public bool Contains(DateOnly date) => Lower <= date && date <= Upper;

    public int CompareTo(PartialDate? other)
    {
        if (other is null)
        {
            return 1;
        }

        var byLower = Lower.CompareTo(other.Lower);
        if (byLower != 0)
        {
            return byLower;
        }

        var byUpper = Upper.CompareTo(other.Upper);
        return byUpper != 0 ? byUpper : string.CompareOrdinal(Text, other.Text);
    }

    public bool Equals(PartialDate? other) => other is not null && Text == other.Text;

    public override bool Equals(object? obj) => obj is PartialDate other && Equals(other);

    public override int GetHashCode() => Text.GetHashCode(StringComparison.Ordinal);

    public override string ToString() => Text;

    public static bool operator ==(PartialDate? left, PartialDate? right) => Equals(left, right);

    public static bool operator !=(PartialDate? left, PartialDate? right) => !Equals(left, right);

    public static bool operator <(PartialDate left, PartialDate right) => left.CompareTo(right) < 0;

    public static bool operator <=(PartialDate left, PartialDate right) => left.CompareTo(right) <= 0;

    public static bool operator >(PartialDate left, PartialDate right) => left.CompareTo(right) > 0;

    public static bool operator >=(PartialDate left, PartialDate right) => left.CompareTo(right) >= 0;

    private static int Number(ReadOnlySpan<char> digits) => int.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);

    // \z, not $: in .NET, $ also matches before a final newline.
    [GeneratedRegex(@"^([0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?|[0-9]{3}X|[0-9]{2}XX)[~?%]?\z", RegexOptions.CultureInvariant)]
    private static partial Regex FormRegex();
}
