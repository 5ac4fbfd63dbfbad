using FluentValidation;
using IldRegistry.Api.Common.Validation;
using IldRegistry.Domain.Common;

namespace IldRegistry.Api.Features.Institutions;

public sealed class InstitutionRequestValidator : AbstractValidator<InstitutionRequest>
{
    public InstitutionRequestValidator()
    {
        RuleFor(i => i.DepartmentId).NotEmpty();
        RuleFor(i => i.Name).NotEmpty().MaximumLength(Rules.NameLength);
        RuleFor(i => i.NativeName).MaximumLength(Rules.NameLength);
        RuleFor(i => i.Kind).NotNull().IsInEnum();
        Rules.Dates(this, i => i.Existence(), "established", "dissolved");
        RuleFor(i => i.Location).MaximumLength(Rules.NameLength);
        RuleFor(i => i.Summary).MaximumLength(Rules.TextLength);
        RuleFor(i => i.Website).AbsoluteHttpUrl();
        // A null element would reach the database as a null JSON item and fail there (500).
        RuleFor(i => i.OtherNames).NotNull().MaxCount(Rules.MaxListItems);
        RuleForEach(i => i.OtherNames).NotNull().SetValidator(new OtherNameValidator());
        RuleFor(i => i.Identifiers).NotNull().MaxCount(Rules.MaxListItems);
        RuleForEach(i => i.Identifiers).NotNull().SetValidator(new IdentifierValidator());
        RuleFor(i => i.Sources).NotNull().MaxCount(Rules.MaxListItems);
        RuleForEach(i => i.Sources).NotNull().SetValidator(new SourceValidator());
        RuleFor(i => i.Claims).NotNull().MaxCount(Rules.MaxListItems);
        RuleForEach(i => i.Claims).NotNull().SetValidator(new ClaimValidator());
    }
}

public sealed class InstitutionListQueryValidator : AbstractValidator<InstitutionListQuery>
{
    public InstitutionListQueryValidator()
    {
        RuleFor(q => q.Kind).IsInEnum();
        RuleFor(q => q.From).PartialDateText();
        RuleFor(q => q.To).PartialDateText()
            .Must((q, to) => !PartialDate.TryParse(q.From, out var from) || !PartialDate.TryParse(to, out var end) || Rules.EndNotBeforeStart(from, end))
            .WithMessage("'To' must not be before 'From'.");
    }
}
