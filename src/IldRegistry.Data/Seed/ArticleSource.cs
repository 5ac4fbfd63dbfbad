using IldRegistry.Domain.Common;

namespace IldRegistry.Data.Seed;

/// <summary>The article the seed data comes from, and citations of it.</summary>
public static class ArticleSource
{
    public const string Title = "International Department of the Chinese Communist Party";

    public const string Url = "https://en.wikipedia.org/wiki/International_Department_of_the_Chinese_Communist_Party";

    public const string Publisher = "Wikipedia";

    public const string Language = "en";

    /// <summary>A citation of the article; <paramref name="quote"/> is the sentence or list line, verbatim.</summary>
    public static Source Cite(string quote)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(quote);
        return new Source { Title = Title, Url = Url, Publisher = Publisher, Language = Language, Quote = quote };
    }
}
