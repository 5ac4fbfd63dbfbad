using FluentValidation;
using Microsoft.AspNetCore.Mvc.Filters;

namespace IldRegistry.Api.Common;

/// <summary>
/// One 400 with every error of the request at once: the binding errors (a field of the wrong type, see
/// <see cref="Validation.FieldByFieldJsonInputFormatter"/>, or a bad query value) and the FluentValidation rule
/// errors of the fields that did bind, keyed by JSON path (<c>name</c>, <c>sources[1].url</c>).
/// </summary>
internal sealed class ValidationFilter(IServiceProvider services) : IAsyncActionFilter
{
    /// <summary>The route's record id, for rules that must leave the record itself out (a name it already has).</summary>
    public const string RecordIdKey = "id";

    /// <summary>The request's query values, for a body whose form a query value chooses (the import's <c>format</c>).</summary>
    public const string QueryKey = "query";

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, Type> ValidatorTypes = new();

    public async Task OnActionExecutionAsync(ActionExecutingContext context, ActionExecutionDelegate next)
    {
        var errors = BindingErrors(context);
        BoundQueryValues(context, errors);
        var typeErrors = errors.Keys.ToList();
        foreach (var argument in context.ActionArguments.Values)
        {
            if (argument is null)
            {
                continue;
            }

            var validatorType = ValidatorTypes.GetOrAdd(argument.GetType(), static t => typeof(IValidator<>).MakeGenericType(t));
            if (services.GetService(validatorType) is not IValidator validator)
            {
                continue;
            }

            var validation = new ValidationContext<object>(argument);
            validation.RootContextData[QueryKey] = context.HttpContext.Request.Query;
            if (Guid.TryParse(context.RouteData.Values[RecordIdKey]?.ToString(), out var id))
            {
                validation.RootContextData[RecordIdKey] = id;
            }

            var result = await validator.ValidateAsync(validation, context.HttpContext.RequestAborted);
            foreach (var failure in result.Errors)
            {
                var key = JsonPath.FromPropertyPath(failure.PropertyName);

                // A field already reported as of the wrong type was left out: "must not be empty" would only repeat it.
                if (typeErrors.Any(t => key == t || key.StartsWith(t + ".", StringComparison.Ordinal) || key.StartsWith(t + "[", StringComparison.Ordinal)))
                {
                    continue;
                }

                Add(errors, key, failure.ErrorMessage);
            }
        }

        if (errors.Count > 0)
        {
            context.Result = Problems.Validation(context.HttpContext, errors.Select(e => (e.Key, e.Value.ToArray())));
            return;
        }

        await next();
    }

    /// <summary>
    /// Every query value of a documented operation is bounded: at most <see cref="Validation.Rules.MaxQueryLength"/>
    /// characters unless its parameter says less (the document gives each string query parameter that maximum, see
    /// <see cref="ContractResponsesOperationFilter"/>). The reconciliation service, outside the document, takes whole
    /// batches of queries in one value and bounds them itself.
    /// </summary>
    private static void BoundQueryValues(ActionExecutingContext context, Dictionary<string, List<string>> errors)
    {
        if (context.ActionDescriptor.EndpointMetadata.OfType<Microsoft.AspNetCore.Mvc.ApiExplorer.IApiDescriptionVisibilityProvider>().Any(v => v.IgnoreApi))
        {
            return;
        }

        foreach (var (name, values) in context.HttpContext.Request.Query)
        {
            if (!errors.ContainsKey(name) && values.Any(v => v is { Length: > Validation.Rules.MaxQueryLength }))
            {
                Add(errors, name, $"'{name}' must be at most {Validation.Rules.MaxQueryLength} characters.");
            }
        }
    }

    private static Dictionary<string, List<string>> BindingErrors(ActionExecutingContext context)
    {
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (key, entry) in context.ModelState)
        {
            foreach (var error in entry.Errors)
            {
                var path = JsonPath.FromJsonPath(key);
                Add(errors, path.Length == 0 ? "body" : path, string.IsNullOrEmpty(error.ErrorMessage) ? "The value is invalid." : error.ErrorMessage);
            }
        }

        // The body parameter's own "field is required" entry only repeats an error reported at a field's path.
        if (errors.Count > 1)
        {
            errors.Remove("request");
        }

        return errors;
    }

    private static void Add(Dictionary<string, List<string>> errors, string key, string message)
    {
        if (!errors.TryGetValue(key, out var messages))
        {
            errors[key] = messages = [];
        }

        messages.Add(message);
    }
}
