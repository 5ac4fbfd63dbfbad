using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ApiExplorer;

namespace IldRegistry.Api.Common.Resources;

#pragma warning disable IDE0060, CA1801 // Conventions are matched by name and parameter count; their bodies never run.

/// <summary>
/// The answers each resource action can give, declared once for every resource controller (the success type comes
/// from the action's <c>ActionResult&lt;T&gt;</c>). An action that declares its own
/// <see cref="ProducesResponseTypeAttribute"/>s opts out.
/// </summary>
public static class ResourceConventions
{
    private const string Problem = "application/problem+json";

    [ProducesResponseType(StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status400BadRequest, Problem)]
    [ApiConventionNameMatch(ApiConventionNameMatchBehavior.Exact)]
    public static void List(
        [ApiConventionNameMatch(ApiConventionNameMatchBehavior.Any)][ApiConventionTypeMatch(ApiConventionTypeMatchBehavior.Any)] object query,
        [ApiConventionNameMatch(ApiConventionNameMatchBehavior.Any)][ApiConventionTypeMatch(ApiConventionTypeMatchBehavior.Any)] object paging,
        [ApiConventionNameMatch(ApiConventionNameMatchBehavior.Any)][ApiConventionTypeMatch(ApiConventionTypeMatchBehavior.Any)] object ct)
    {
    }

    [ProducesResponseType(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status304NotModified)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound, Problem)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status410Gone, Problem)]
    [ApiConventionNameMatch(ApiConventionNameMatchBehavior.Exact)]
    public static void Get(
        [ApiConventionNameMatch(ApiConventionNameMatchBehavior.Any)][ApiConventionTypeMatch(ApiConventionTypeMatchBehavior.Any)] object id,
        [ApiConventionNameMatch(ApiConventionNameMatchBehavior.Any)][ApiConventionTypeMatch(ApiConventionTypeMatchBehavior.Any)] object ct)
    {
    }

    [ProducesResponseType(StatusCodes.Status201Created)]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status400BadRequest, Problem)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status401Unauthorized, Problem)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status403Forbidden, Problem)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status409Conflict, Problem)]
    [ApiConventionNameMatch(ApiConventionNameMatchBehavior.Exact)]
    public static void Create(
        [ApiConventionNameMatch(ApiConventionNameMatchBehavior.Any)][ApiConventionTypeMatch(ApiConventionTypeMatchBehavior.Any)] object request,
        [ApiConventionNameMatch(ApiConventionNameMatchBehavior.Any)][ApiConventionTypeMatch(ApiConventionTypeMatchBehavior.Any)] object ct)
    {
    }

    [ProducesResponseType(StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status400BadRequest, Problem)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status401Unauthorized, Problem)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status403Forbidden, Problem)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound, Problem)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status409Conflict, Problem)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status410Gone, Problem)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status412PreconditionFailed, Problem)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status428PreconditionRequired, Problem)]
    [ApiConventionNameMatch(ApiConventionNameMatchBehavior.Exact)]
    public static void Replace(
        [ApiConventionNameMatch(ApiConventionNameMatchBehavior.Any)][ApiConventionTypeMatch(ApiConventionTypeMatchBehavior.Any)] object id,
        [ApiConventionNameMatch(ApiConventionNameMatchBehavior.Any)][ApiConventionTypeMatch(ApiConventionTypeMatchBehavior.Any)] object request,
        [ApiConventionNameMatch(ApiConventionNameMatchBehavior.Any)][ApiConventionTypeMatch(ApiConventionTypeMatchBehavior.Any)] object ct)
    {
    }
}
