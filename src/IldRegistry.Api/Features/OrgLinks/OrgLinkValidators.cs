using FluentValidation;
using IldRegistry.Api.Common.Validation;
using IldRegistry.Domain.Common;
using IldRegistry.Domain.OrgLinks;

namespace IldRegistry.Api.Features.OrgLinks;

/// <summary>The rules one link obeys on its own; those across records (ends, cycles) are the definition's.</summary>
public sealed class OrgLinkRequestValidator : AbstractValidator<OrgLinkRequest>
{
    public OrgLinkRequestValidator()
    {
        RuleFor(l => l.FromType).NotNull().WithMessage("'fromType' is required: Department, Bureau or Institution.").IsInEnum();
        // Missing ids bind as Guid.Empty.
        RuleFor(l => l.FromId).NotEmpty().WithMessage("'fromId' is required: the id of the organisation the link is from.");
        RuleFor(l => l.Kind).NotNull()
            .WithMessage("'kind' is required: PartOf, SucceededBy, MergedInto, SplitFrom, RenamedTo, EstablishedBy or FundedBy.")
            .IsInEnum();
        RuleFor(l => l.ToType).NotNull().WithMessage("'toType' is required: Department, Bureau or Institution.").IsInEnum();
        RuleFor(l => l.ToId).NotEmpty().WithMessage("'toId' is required: the id of the organisation the link is to.")
            .NotEqual(l => l.FromId).When(l => l.FromId != Guid.Empty, ApplyConditionTo.CurrentValidator)
            .WithMessage("'toId' is the 'from' end: a link joins two different organisations.");
        Rules.Dates(this, l => new SentDates(l.StartStatus, l.Start, l.StartNotBefore, l.StartNotAfter, l.End, l.EndStatus, l.EndNotBefore, l.EndNotAfter), "start", "end");
        RuleFor(l => l.EndStatus)
            .Must(status => status is null or EndStatus.Ongoing)
            .When(l => l.Kind is { } kind && OrgLink.IsEvent(kind))
            .WithMessage(l => $"A {l.Kind} link records a change event on 'start', whose outcome holds from then on: its 'endStatus' is Ongoing (or omitted), and it has no 'end'.");
        RuleFor(l => l.End)
            .Null()
            .When(l => l.Kind is { } kind && OrgLink.IsEvent(kind) && l.EndStatus is null)
            .WithMessage(l => $"A {l.Kind} link records a change event on 'start': it has no 'end'.");
        RuleFor(l => l.Note).MaximumLength(Rules.TextLength);
        RuleFor(l => l.Sources).NotNull().MaxCount(Rules.MaxListItems);
        RuleForEach(l => l.Sources).NotNull().SetValidator(new SourceValidator());
        RuleFor(l => l.Claims).NotNull().MaxCount(Rules.MaxListItems);
        RuleForEach(l => l.Claims).NotNull().SetValidator(new ClaimValidator());
    }
}

public sealed class OrgLinkListQueryValidator : AbstractValidator<OrgLinkListQuery>
{
    public OrgLinkListQueryValidator()
    {
        RuleFor(q => q.Kind).IsInEnum();
        RuleFor(q => q.AsOf).PartialDateText().WithName("asOf");
    }
}
