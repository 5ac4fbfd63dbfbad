using System.Globalization;
using FluentValidation;
using FluentValidation.Validators;
using IldRegistry.Api.Common.Validation;
using IldRegistry.Api.Common.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace IldRegistry.Api.Common;

/// <summary>
/// Shows each request's FluentValidation rules in its schema (required, minLength/maxLength, pattern,
/// minimum/maximum), so the OpenAPI document and the validators cannot drift apart.
/// </summary>
internal sealed class ValidationRulesSchemaFilter(IServiceProvider services) : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema target || target.Properties is null)
        {
            return;
        }

        using var scope = services.CreateScope();
        if (scope.ServiceProvider.GetService(typeof(IValidator<>).MakeGenericType(context.Type)) is not IValidator validator)
        {
            return;
        }

        var descriptor = validator.CreateDescriptor();
        foreach (var (name, property) in target.Properties)
        {
            var member = char.ToUpperInvariant(name[0]) + name[1..];
            foreach (var component in descriptor.GetRulesForMember(member).SelectMany(r => r.Components))
            {
                if (component.HasCondition || component.HasAsyncCondition)
                {
                    continue;
                }

                Apply(target, name, property as OpenApiSchema, component.Validator);
            }
        }
    }

    private static void Apply(OpenApiSchema parent, string name, OpenApiSchema? property, IPropertyValidator validator)
    {
        switch (validator)
        {
            // A list that may not be null may still be left out (it defaults to empty): not null is not required.
            case INotNullValidator when property?.Type?.HasFlag(JsonSchemaType.Array) == true:
                break;
            case IMaxCountValidator count when property is not null:
                property.MaxItems = count.Max;
                break;
            case INotEmptyValidator or INotNullValidator:
                parent.Required ??= new HashSet<string>();
                parent.Required.Add(name);
                if (property is not null && validator is INotEmptyValidator && property.Type?.HasFlag(JsonSchemaType.String) == true)
                {
                    property.MinLength = Math.Max(property.MinLength ?? 0, 1);
                }

                break;
            case ILengthValidator length when property is not null:
                if (length.Max > 0)
                {
                    property.MaxLength = length.Max;
                }

                if (length.Min > 0)
                {
                    property.MinLength = length.Min;
                }

                break;
            case IRegularExpressionValidator regex when property is not null:
                // Validators anchor with \z (safe in .NET); the published ECMA-262 pattern uses $.
                property.Pattern = regex.Expression.Replace(@"\z", "$", StringComparison.Ordinal);
                break;
            case IBetweenValidator between when property is not null:
                property.Minimum = Convert.ToString(between.From, CultureInfo.InvariantCulture);
                property.Maximum = Convert.ToString(between.To, CultureInfo.InvariantCulture);
                break;
            case IComparisonValidator { Comparison: Comparison.GreaterThanOrEqual, ValueToCompare: { } min } when property is not null:
                property.Minimum = Convert.ToString(min, CultureInfo.InvariantCulture);
                break;
            case IComparisonValidator { Comparison: Comparison.LessThanOrEqual, ValueToCompare: { } max } when property is not null:
                property.Maximum = Convert.ToString(max, CultureInfo.InvariantCulture);
                break;
        }
    }
}

/// <summary>Marks operations that need an API key (and the roles that may call them); the rest are anonymous.</summary>
internal sealed class SecurityOperationFilter : IOperationFilter
{
    public const string SchemeName = "ApiKey";
    public const string BearerSchemeName = "Bearer";

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        // Endpoint metadata, not attributes: writes get their policy from a convention (see WritesNeedEditorConvention).
        var policies = context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<IAuthorizeData>()
            .Select(a => a.Policy)
            .ToList();
        if (policies.Count == 0)
        {
            operation.Security = [];
            return;
        }

        var who = policies.Contains(Policies.Admin) ? "an Admin key" : "an Editor or Admin key";
        operation.Description = $"{operation.Description}\n\nNeeds {who}.".Trim();
        operation.Security =
        [
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeName, context.Document)] = [] },
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerSchemeName, context.Document)] = [] },
        ];
    }
}
