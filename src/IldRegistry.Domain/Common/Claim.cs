namespace IldRegistry.Domain.Common;

/// <summary>
/// One value claimed for a field of a record, with the citations that claim it (as Wikidata ranks statements): a field
/// with claims has exactly one preferred claim, and the record's field holds its value; the others are kept beside it.
/// </summary>
public sealed class Claim
{
    /// <summary>The field's JSON name (<c>established</c>).</summary>
    public string Field { get; set; } = string.Empty;

    /// <summary>The claimed value as text, as the field writes it (<c>1951-01-18</c>, <c>17</c>, <c>Ongoing</c>); null claims "no value".</summary>
    public string? Value { get; set; }

    /// <summary>The value the record's field holds.</summary>
    public bool Preferred { get; set; }

    /// <summary>Why the claim is made or how it was read from its sources.</summary>
    public string? Note { get; set; }

    public List<Source> Sources { get; set; } = [];
}
