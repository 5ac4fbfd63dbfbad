using IldRegistry.Domain.Common;

namespace IldRegistry.Api.Common;

/// <summary>The <c>asOf</c> query parameter: a partial date, today (UTC) when absent.</summary>
public static class AsOf
{
    public static PartialDate Parse(string? text, TimeProvider clock)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return PartialDate.FromDate(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        }

        return PartialDate.TryParse(text, out var date)
            ? date
            : throw new FieldValidationException("asOf", PartialDate.NotADate(text));
    }
}
