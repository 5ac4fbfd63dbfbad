using FluentValidation;
using IldRegistry.Api.Common.Validation;
using IldRegistry.Domain.Common;

namespace IldRegistry.Api.Features.People;

public sealed class PersonRequestValidator : AbstractValidator<PersonRequest>
{
    public PersonRequestValidator()
    {
        RuleFor(p => p.Name).NotEmpty().MaximumLength(Rules.NameLength);
        RuleFor(p => p.NativeName).MaximumLength(Rules.NameLength);
        RuleFor(p => p.RomanizedName).MaximumLength(Rules.NameLength);
        RuleFor(p => p.Notes).MaximumLength(Rules.TextLength);
        Rules.Dates(this, p => new SentDates(p.BornStatus, p.Born, p.BornNotBefore, p.BornNotAfter, p.Died, null, p.DiedNotBefore, p.DiedNotAfter), "born", "died");
        // A death is Known or Unknown: its status is checked like a start's, since there is no "ongoing" life.
        RuleFor(p => p.DiedStatus).IsInEnum()
            .Must((p, status) => status != StartStatus.Known || p.Died is not null)
            .WithMessage("'diedStatus' Known needs 'died': give the date, or say Unknown.")
            .Must((p, status) => status != StartStatus.Unknown || p.Died is null)
            .WithMessage("'diedStatus' Unknown cannot go with a 'died' date: drop the date, or say Known.");
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
