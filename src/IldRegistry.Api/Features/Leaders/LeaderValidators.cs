using FluentValidation;
using IldRegistry.Api.Common.Validation;
using IldRegistry.Domain.Common;

namespace IldRegistry.Api.Features.Leaders;

public sealed class LeaderRequestValidator : AbstractValidator<LeaderRequest>
{
    public const int TitleLength = 200;
    public const int MaxRank = 1000;

    public LeaderRequestValidator()
    {
        // Missing ids bind as Guid.Empty.
        RuleFor(l => l.DepartmentId).NotEmpty().WithMessage("'departmentId' is required: the id of the department the post belongs to.");
        RuleFor(l => l.PersonId).NotEmpty().WithMessage("'personId' is required: the id of the person who holds the post.");
        RuleFor(l => l.Title).NotEmpty().MaximumLength(TitleLength);
        RuleFor(l => l.Rank).InclusiveBetween(1, MaxRank)
            .WithMessage($"'rank' must be an order of precedence from 1 (first) to {MaxRank}.");
        Rules.Dates(this, l => new SentDates(l.StartStatus, l.Start, l.StartNotBefore, l.StartNotAfter, l.End, l.EndStatus, l.EndNotBefore, l.EndNotAfter), "start", "end");
        RuleFor(l => l.Sources).NotNull().MaxCount(Rules.MaxListItems);
        RuleForEach(l => l.Sources).SetValidator(new SourceValidator());
        RuleFor(l => l.Claims).NotNull().MaxCount(Rules.MaxListItems);
        RuleForEach(l => l.Claims).NotNull().SetValidator(new ClaimValidator());
    }
}

public sealed class LeaderListQueryValidator : AbstractValidator<LeaderListQuery>
{
    public LeaderListQueryValidator()
    {
        RuleFor(q => q.AsOf).PartialDateText().WithName("asOf");
        RuleFor(q => q.From).PartialDateText().WithName("from");
        RuleFor(q => q.To).PartialDateText().WithName("to")
            .Must((q, to) => !PartialDate.TryParse(q.From, out var from) || !PartialDate.TryParse(to, out var end) || Rules.EndNotBeforeStart(from, end))
            .WithMessage("'to' must not be before 'from'.");
        RuleFor(q => q.Title).MaximumLength(LeaderRequestValidator.TitleLength).WithName("title");
        RuleFor(q => q.Q).MaximumLength(Rules.NameLength).WithName("q");
    }
}

public sealed class LeadershipQueryValidator : AbstractValidator<LeadershipQuery>
{
    public LeadershipQueryValidator()
    {
        RuleFor(q => q.AsOf).PartialDateText().WithName("asOf");
    }
}
