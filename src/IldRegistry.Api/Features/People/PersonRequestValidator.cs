using FluentValidation;
using IldRegistry.Api.Common.Validation;

namespace IldRegistry.Api.Features.People;

public sealed class PersonRequestValidator : AbstractValidator<PersonRequest>
{
    public PersonRequestValidator()
    {
        RuleFor(p => p.Name).NotEmpty().MaximumLength(Rules.NameLength);
        RuleFor(p => p.NativeName).MaximumLength(Rules.NameLength);
        RuleFor(p => p.RomanizedName).MaximumLength(Rules.NameLength);
        RuleFor(p => p.Notes).MaximumLength(Rules.TextLength);
        RuleFor(p => p.OtherNames).NotNull().MaxCount(Rules.MaxListItems);
        RuleForEach(p => p.OtherNames).NotNull().SetValidator(new OtherNameValidator());
        RuleFor(p => p.Identifiers).NotNull().MaxCount(Rules.MaxListItems);
        RuleForEach(p => p.Identifiers).NotNull().SetValidator(new IdentifierValidator());
        RuleFor(p => p.Sources).NotNull().MaxCount(Rules.MaxListItems);
        RuleForEach(p => p.Sources).NotNull().SetValidator(new SourceValidator());
        RuleFor(p => p.Claims).NotNull().MaxCount(Rules.MaxListItems);
        RuleForEach(p => p.Claims).NotNull().SetValidator(new ClaimValidator());
    }
}
