using IldRegistry.Domain.Common;

namespace IldRegistry.UnitTests.Common;

public sealed class TenureTests
{
    private static PartialDate D(string text) => PartialDate.Parse(text);

    private static DateOnly Day(string text) => DateOnly.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void An_unknown_start_is_known_from_the_latest_day_its_earliest_attestation_can_be()
    {
        var article = new Source { Title = "t", Attested = "202X", AttestedNotBefore = "2025-09-30", AttestedNotAfter = "2026-11-27" };
        var tenure = Tenure.Of(null, null, null, null, EndStatus.Ongoing, null, null, [article]);

        Assert.Equal(Day("2026-11-27"), tenure.KnownFrom);
        Assert.Equal(new Holding(false, PossibleReason.StartUnknown), tenure.On(Day("2026-01-01"), Day("2026-01-01")));
        Assert.True(tenure.On(Day("2026-11-27"), Day("2026-11-27")).Known);
    }

    [Fact]
    public void An_unknown_end_is_known_up_to_the_earliest_day_its_latest_attestation_can_be()
    {
        var tenure = Tenure.Of(D("2001"), null, null, null, EndStatus.Unknown, null, null, [new Source { Title = "t", Attested = "2004-05" }]);

        Assert.Equal(Day("2004-05-01"), tenure.KnownTo);
        Assert.Equal(new Holding(false, PossibleReason.EndUnknown), tenure.On(Day("2004-05-02"), Day("2004-05-02")));
        Assert.Equal(DateOnly.MaxValue, tenure.PossibleTo);
    }

    [Fact]
    public void Bounds_narrow_the_known_and_widen_the_possible()
    {
        var tenure = Tenure.Of(D("2022-06"), null, null, D("2025"), EndStatus.Known, D("2025-07"), D("2025-09-30"), []);

        Assert.Equal(Day("2025-07-01"), tenure.KnownTo);
        Assert.Equal(Day("2025-09-30"), tenure.PossibleTo);
        Assert.Equal(new Holding(false, PossibleReason.EndUncertain), tenure.On(Day("2025-08-01"), Day("2025-08-01")));
        Assert.False(tenure.On(Day("2025-10-01"), Day("2025-10-01")).Any);
    }

    [Fact]
    public void An_unknown_start_without_attestation_is_never_known()
    {
        var tenure = Tenure.Of(null, null, null, null, EndStatus.Ongoing, null, null, [new Source { Title = "t" }]);
        Assert.Equal(new Holding(false, PossibleReason.NotAttested), tenure.On(Day("2020-01-01"), Day("2020-12-31")));
    }
}
