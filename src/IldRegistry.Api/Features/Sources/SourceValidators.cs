using FluentValidation;
using IldRegistry.Api.Common.Validation;

namespace IldRegistry.Api.Features.Sources;

public sealed class SourceRequestValidator : AbstractValidator<SourceRequest>
{
    public SourceRequestValidator()
    {
        RuleFor(s => s.Title).NotEmpty().MaximumLength(Rules.NameLength);
        RuleFor(s => s.Url).AbsoluteHttpUrl();
        RuleFor(s => s.Publisher).MaximumLength(Rules.NameLength);
        RuleFor(s => s.Language).LanguageTag();
        RuleFor(s => s.Weight).IsInEnum();
        RuleFor(s => s.Notes).MaximumLength(Rules.TextLength);
    }
}

public sealed class SourceListQueryValidator : AbstractValidator<SourceListQuery>
{
    public SourceListQueryValidator()
    {
        RuleFor(q => q.Weight).IsInEnum();
    }
}
