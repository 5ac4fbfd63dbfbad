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
        RuleFor(p => p.Died)
            .Must((p, died) => Rules.EndNotBeforeStart(p.Born, died))
            .WithMessage("'died' must not be before 'born'.");
        Rules.DateBounds(this, p => p.BornNotBefore, p => p.BornNotAfter, p => p.Born, "born");
        Rules.DateBounds(this, p => p.DiedNotBefore, p => p.DiedNotAfter, p => p.Died, "died");
        RuleFor(p => p.OtherNames).NotNull().MaxCount(Rules.MaxListItems);
        RuleForEach(p => p.OtherNames).NotNull().SetValidator(new OtherNameValidator());
        RuleFor(p => p.Identifiers).NotNull().MaxCount(Rules.MaxListItems);
        RuleForEach(p => p.Identifiers).NotNull().SetValidator(new IdentifierValidator());
        RuleFor(p => p.Sources).NotNull().MaxCount(Rules.MaxListItems);
        RuleForEach(p => p.Sources).NotNull().SetValidator(new SourceValidator());
    }
}
