using FluentValidation;
using IldRegistry.Api.Common.Validation;
using IldRegistry.Domain.Common;

namespace IldRegistry.Api.Features.Events;

public sealed class EventRequestValidator : AbstractValidator<EventRequest>
{
    /// <summary>Enough for any real event; a bound that keeps the existence check one small query.</summary>
    public const int MaxLinks = 50;

    public EventRequestValidator()
    {
        RuleFor(e => e.DepartmentId).NotEmpty();
        RuleFor(e => e.Date).NotNull();
        RuleFor(e => e.EndDate)
            .Must((e, end) => Rules.EndNotBeforeStart(e.Date, end))
            .WithMessage("'End Date' must not be before 'Date'.");
        RuleFor(e => e.Title).NotEmpty().MaximumLength(Rules.NameLength);
        RuleFor(e => e.Description).MaximumLength(Rules.TextLength);
        RuleFor(e => e.Kind).NotNull().IsInEnum();
        RuleFor(e => e.InstitutionIds).NotNull().Must(ids => ids is null || ids.Count <= MaxLinks)
            .WithMessage($"'Institution Ids' must hold at most {MaxLinks} ids.")
            .Custom((ids, context) => AddDuplicates(ids, "InstitutionIds", context));
        RuleFor(e => e.PersonIds).NotNull().Must(ids => ids is null || ids.Count <= MaxLinks)
            .WithMessage($"'Person Ids' must hold at most {MaxLinks} ids.")
            .Custom((ids, context) => AddDuplicates(ids, "PersonIds", context));
        RuleFor(e => e.Sources).NotNull().MaxCount(Rules.MaxListItems);
        RuleForEach(e => e.Sources).NotNull().SetValidator(new SourceValidator());
        RuleFor(e => e.Claims).NotNull().MaxCount(Rules.MaxListItems);
        RuleForEach(e => e.Claims).NotNull().SetValidator(new ClaimValidator());
    }

    // Reported at the repeat's own index, so a client sees which entry to remove.
    private static void AddDuplicates(List<Guid>? ids, string property, ValidationContext<EventRequest> context)
    {
        if (ids is null)
        {
            return;
        }

        var seen = new HashSet<Guid>();
        for (var i = 0; i < ids.Count; i++)
        {
            if (!seen.Add(ids[i]))
            {
                context.AddFailure($"{property}[{i}]", $"'{ids[i]}' is listed more than once.");
            }
        }
    }
}

public sealed class EventListQueryValidator : AbstractValidator<EventListQuery>
{
    public EventListQueryValidator()
    {
        RuleFor(q => q.Kind).IsInEnum();
        RuleFor(q => q.From).PartialDateText();
        RuleFor(q => q.To).PartialDateText()
            .Must((q, to) => !PartialDate.TryParse(q.From, out var from) || !PartialDate.TryParse(to, out var end) || Rules.EndNotBeforeStart(from, end))
            .WithMessage("'To' must not be before 'From'.");
    }
}
