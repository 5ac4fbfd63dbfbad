namespace IldRegistry.Data.Seed;

/// <summary>The article the seed data comes from: one source record (<c>data/seed/ild-article.json</c>), cited by every seeded record.</summary>
public static class ArticleSource
{
    /// <summary>The article's source record.</summary>
    public static Guid Id => SeedIds.For("source:ild-article");

    public const string Title = "International Department of the Chinese Communist Party";

    public const string Url = "https://en.wikipedia.org/wiki/International_Department_of_the_Chinese_Communist_Party";
}
