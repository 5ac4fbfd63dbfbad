using FluentValidation;
using IldRegistry.Api.Common.Validation;
using IldRegistry.Domain.Bureaus;

namespace IldRegistry.Api.Features.Bureaus;

public sealed class BureauRequestValidator : AbstractValidator<BureauRequest>
{
    public const int MaxNumber = 99;
    public const int MaxSortOrder = 10_000;

    public BureauRequestValidator()
    {
        RuleFor(b => b.DepartmentId).NotEmpty();
        RuleFor(b => b.Name).NotEmpty().MaximumLength(Rules.NameLength);
        RuleFor(b => b.AlternateName).MaximumLength(Rules.NameLength);
        RuleFor(b => b.Region).MaximumLength(Rules.NameLength);
        RuleFor(b => b.Kind).NotNull().IsInEnum();
        RuleFor(b => b.Number).InclusiveBetween(1, MaxNumber);

        // Only the regional bureaus are numbered (First Bureau … Eighth Bureau); a number elsewhere is a typo.
        RuleFor(b => b.Number).Null()
            .When(b => b.Kind is not null && b.Kind != BureauKind.RegionalBureau)
            .WithMessage("Only a RegionalBureau has a number; leave 'Number' out for other kinds.");
        RuleFor(b => b.SortOrder).InclusiveBetween(0, MaxSortOrder);
        Rules.Dates(this, b => b.Existence(), "established", "dissolved");
        RuleFor(b => b.Sources).NotNull().MaxCount(Rules.MaxListItems);
        RuleForEach(b => b.Sources).NotNull().SetValidator(new SourceValidator());
        RuleFor(b => b.Claims).NotNull().MaxCount(Rules.MaxListItems);
        RuleForEach(b => b.Claims).NotNull().SetValidator(new ClaimValidator());
    }
}
