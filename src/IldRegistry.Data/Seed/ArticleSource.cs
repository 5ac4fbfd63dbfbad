using IldRegistry.Domain.Common;

namespace IldRegistry.Data.Seed;

/// <summary>The article the seed data comes from, and citations of it.</summary>
public static class ArticleSource
{
    public const string Title = "International Department of the Chinese Communist Party";

    public const string Url = "https://en.wikipedia.org/wiki/International_Department_of_the_Chinese_Communist_Party";

    public const string Publisher = "Wikipedia";

    public const string Language = "en";

    /// <summary>
    /// When the article says what it says: it names Liu Haixing as head, so it was written after 2025-09-30, and it was
    /// taken for the registry on 2026-11-27 at the latest (data/sources/ild-leadership.md). Some day in the 2020s, bounded.
    /// </summary>
    public const string Attested = "202X";

    public const string AttestedNotBefore = "2025-09-30";

    public const string AttestedNotAfter = "2026-11-27";

    /// <summary>A citation of the article; <paramref name="quote"/> is the sentence or list line, verbatim.</summary>
    public static Source Cite(string quote)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(quote);
        return new Source
        {
            Title = Title,
            Url = Url,
            Publisher = Publisher,
            Language = Language,
            Quote = quote,
            Attested = Attested,
            AttestedNotBefore = AttestedNotBefore,
            AttestedNotAfter = AttestedNotAfter,
            // A copy of an encyclopedia article.
            Weight = SourceWeight.Medium,
        };
    }
}
