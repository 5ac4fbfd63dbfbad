using FluentValidation;

namespace IldRegistry.Api.Features.Search;

public sealed class SearchQueryValidator : AbstractValidator<SearchQuery>
{
    public SearchQueryValidator()
    {
        RuleFor(q => q.Q).NotEmpty().MaximumLength(200).Must(q => q is null || !q.Contains('\0', StringComparison.Ordinal))
            .WithMessage("'Q' must not contain NUL characters.");
        RuleFor(q => q.Type).IsInEnum();
        RuleFor(q => q.Limit).InclusiveBetween(1, SearchQuery.MaxLimit);
    }
}
