namespace IldRegistry.Domain.Common;

/// <summary>What is known of a beginning: a date (perhaps partial, perhaps bounded), or nothing.</summary>
public enum StartStatus
{
    /// <summary>The start is the record's date (its interval, narrowed by its bounds if any).</summary>
    Known,

    /// <summary>Not known: it holds from its earliest attestation on, and may have held before.</summary>
    Unknown,
}

/// <summary>
/// What is known of an ending. "Unknown" and "ongoing" used to be the same null; they differ: an unknown end is only
/// known not to lie before the latest attestation, an ongoing one still holds as of the latest source.
/// </summary>
public enum EndStatus
{
    /// <summary>It ended on the record's date (its interval, narrowed by its bounds if any).</summary>
    Known,

    /// <summary>Not known whether or when it ended: it holds up to its latest attestation and may hold after.</summary>
    Unknown,

    /// <summary>It still holds as of the latest source.</summary>
    Ongoing,
}
