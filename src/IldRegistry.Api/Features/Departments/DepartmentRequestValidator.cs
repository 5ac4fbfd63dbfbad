using FluentValidation;
using IldRegistry.Api.Common.Validation;

namespace IldRegistry.Api.Features.Departments;

public sealed class DepartmentRequestValidator : AbstractValidator<DepartmentRequest>
{
    public DepartmentRequestValidator()
    {
        RuleFor(d => d.Slug).NotEmpty().MaximumLength(100).Matches(Rules.SlugRegex())
            .WithMessage("'Slug' must be lower-case letters and digits in hyphen-separated words, e.g. ild or cpsu-international-department.");
        RuleFor(d => d.Name).NotEmpty().MaximumLength(Rules.NameLength);
        RuleFor(d => d.ShortName).MaximumLength(50);
        RuleFor(d => d.NativeName).MaximumLength(Rules.NameLength);
        RuleFor(d => d.RomanizedName).MaximumLength(Rules.NameLength);
        RuleFor(d => d.Jurisdiction).MaximumLength(Rules.NameLength);
        RuleFor(d => d.AgencyType).MaximumLength(Rules.NameLength);
        RuleFor(d => d.Headquarters).MaximumLength(Rules.NameLength);
        RuleFor(d => d.Summary).MaximumLength(Rules.TextLength);
        RuleFor(d => d.OfficeCount).GreaterThanOrEqualTo(0);
        RuleFor(d => d.Functions).MaximumLength(Rules.TextLength);
        RuleFor(d => d.Logo).MaximumLength(Rules.NameLength);
        RuleFor(d => d.LogoCaption).MaximumLength(Rules.NameLength);
        Rules.Dates(this, d => d.Existence(), "established", "dissolved");
        RuleFor(d => d.OtherNames).NotNull().MaxCount(Rules.MaxListItems);
        RuleForEach(d => d.OtherNames).NotNull().SetValidator(new OtherNameValidator());
        RuleFor(d => d.Identifiers).NotNull().MaxCount(Rules.MaxListItems);
        RuleForEach(d => d.Identifiers).NotNull().SetValidator(new IdentifierValidator());
        RuleFor(d => d.Sources).NotNull().MaxCount(Rules.MaxListItems);
        RuleForEach(d => d.Sources).NotNull().SetValidator(new SourceValidator());
        RuleFor(d => d.Claims).NotNull().MaxCount(Rules.MaxListItems);
        RuleForEach(d => d.Claims).NotNull().SetValidator(new ClaimValidator());
    }
}
