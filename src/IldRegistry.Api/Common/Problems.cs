using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace IldRegistry.Api.Common;

internal static class Problems
{
    /// <summary>A 400 validation problem through the framework's factory, so it carries the same traceId and shape as every other problem.</summary>
    public static BadRequestObjectResult Validation(HttpContext httpContext, IEnumerable<(string Key, string[] Messages)> errors)
    {
        var modelState = new ModelStateDictionary();
        foreach (var (key, messages) in errors)
        {
            foreach (var message in messages)
            {
                modelState.AddModelError(key, message);
            }
        }

        var factory = httpContext.RequestServices.GetRequiredService<ProblemDetailsFactory>();
        var problem = factory.CreateValidationProblemDetails(httpContext, modelState, StatusCodes.Status400BadRequest, instance: httpContext.Request.Path);
        return new BadRequestObjectResult(problem) { ContentTypes = { "application/problem+json" } };
    }
}
