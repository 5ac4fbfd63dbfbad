using IldRegistry.Domain.Common;

namespace IldRegistry.Data.Seed;

/// <summary>
/// The sources of data/sources/ild-leadership.md that date or name the article's own leaders (whose records the
/// article seed creates); the earlier heads are in data/seed/ild-leadership.json. Until sources are records of their
/// own, each citation carries its source's title, address, date attested and weight.
/// </summary>
public static class LeadershipSources
{
    public static Source Kyodo2025() => new()
    {
        Title = "Kyodo (via livedoor News): the department's website names Liu Haixing as head, successor of Liu Jianchao",
        Url = "https://news.livedoor.com/topics/detail/29680180/",
        Publisher = "Kyodo News",
        Language = "ja",
        Attested = "2025-09-30",
        Weight = SourceWeight.High,
    };

    public static Source StraitsTimes2025() => new()
    {
        Title = "Liu Haixing takes over CPC's international department",
        Url = "https://www.straitstimes.com/asia/east-asia/liu-haixing-takes-over-cpcs-international-department",
        Publisher = "The Straits Times",
        Language = "en",
        Attested = "2025-09-30",
        Weight = SourceWeight.High,
    };

    public static Source Pti2025() => new()
    {
        Title = "PTI: Chinese Communist Party appoints veteran diplomat to head its international department",
        Url = "https://www.newsdrum.in/international/chinese-communist-party-appoints-veteran-diplomat-to-head-its-international-department-10517248",
        Publisher = "Press Trust of India (via NewsDrum)",
        Language = "en",
        Attested = "2025-09-30",
        Weight = SourceWeight.High,
    };

    /// <summary>看中国, 2021-02-04: Chen Zhou became deputy head in January 2021 (the date it attests him in the post).</summary>
    public static Source SecretChina2021(string attested) => new()
    {
        Title = "看中国: Chen Zhou becomes deputy head in January 2021, Wang Yajun leaves",
        Url = "https://m.secretchina.com/news/gb/2021/02/04/amp961439.html",
        Publisher = "看中国 (secretchina.com)",
        Language = "zh",
        Attested = attested,
        Weight = SourceWeight.Low,
    };

    /// <summary>人民报, 2025-09-09: biographies of Chen Zhou (deputy head from 2021-01) and Li Mingxiang (from 2022-12).</summary>
    public static Source Renminbao2025(string attested) => new()
    {
        Title = "人民报: biographies of Chen Zhou and Li Mingxiang",
        Url = "https://www.renminbao.com/rmb/articles/2025/9/9/92265.html",
        Publisher = "人民报 (renminbao.com)",
        Language = "zh",
        Attested = attested,
        Weight = SourceWeight.Low,
    };
}
