using IldRegistry.Domain.Common;

namespace IldRegistry.Api.Common;

/// <summary>The <c>asOf</c> query parameter: a partial date, today (UTC) when absent.</summary>
public static class AsOf
{
    /// <summary>Today in UTC: the default date, and the last one on which anything can be known to hold.</summary>
    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    public static PartialDate Parse(string? text, TimeProvider clock)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return PartialDate.FromDate(Today(clock));
        }

        return PartialDate.TryParse(text, out var date)
            ? date
            : throw new FieldValidationException("asOf", PartialDate.NotADate(text));
    }
}
