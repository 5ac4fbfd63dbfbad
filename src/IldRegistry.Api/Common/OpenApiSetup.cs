using System.Reflection;
using System.Text.Json.Nodes;
using IldRegistry.Domain.Common;
using Microsoft.OpenApi;

namespace IldRegistry.Api.Common;

internal static class OpenApiSetup
{
    public static IServiceCollection AddRegistryOpenApi(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(options =>
        {
            options.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "IldRegistry API",
                Version = "v1",
                Description =
                    "An open registry of how party international departments are organised: who leads them and when, " +
                    "their bureaus, the institutions they run and their history, every fact dated and sourced. " +
                    "The first data set is the International Department of the CCP Central Committee (ILD).",
                License = new OpenApiLicense { Name = "Data: CC BY-SA 4.0 (from Wikipedia)", Identifier = "CC-BY-SA-4.0" },
            });
            options.AddSecurityDefinition(SecurityOperationFilter.SchemeName, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = "X-Api-Key",
                Description = "An API key (writes only; reads are anonymous). In Development the key `dev-admin-key` works as Admin.",
            });
            options.AddSecurityDefinition(SecurityOperationFilter.BearerSchemeName, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "The same API key sent as `Authorization: Bearer <key>`.",
            });
            options.SchemaFilter<ValidationRulesSchemaFilter>();
            options.SchemaFilter<SeedExamplesSchemaFilter>();
            options.SchemaFilter<Features.Export.ExportDocumentSchemaFilter>();
            options.DocumentFilter<NullableReferencesDocumentFilter>();
            options.OperationFilter<StandardResponsesOperationFilter>();
            options.OperationFilter<PreconditionHeadersOperationFilter>();
            options.OperationFilter<Resources.RecordedReadsOperationFilter>();
            options.OperationFilter<ContractResponsesOperationFilter>();
            options.CustomOperationIds(api => $"{api.ActionDescriptor.RouteValues["controller"]}_{api.ActionDescriptor.RouteValues["action"]}");

            foreach (var assembly in new[] { Assembly.GetExecutingAssembly(), typeof(PartialDate).Assembly })
            {
                var xml = Path.Combine(AppContext.BaseDirectory, $"{assembly.GetName().Name}.xml");
                if (File.Exists(xml))
                {
                    options.IncludeXmlComments(xml, includeControllerXmlComments: true);
                }
            }

            // After the XML comments, which would otherwise replace the "Needs … key" line of operations with <remarks>.
            options.OperationFilter<SecurityOperationFilter>();

            options.MapType<PartialDate>(() => new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Pattern = PartialDate.Pattern,
                Description = $"A partial date (ISO 8601 reduced precision with EDTF level 1): {PartialDate.AcceptedForms}.",
                Examples = [JsonValue.Create("1951"), JsonValue.Create("2022-02"), JsonValue.Create("2022-02-14"), JsonValue.Create("198X"), JsonValue.Create("1981~")],
            });
            options.SupportNonNullableReferenceTypes();
            options.DescribeAllParametersInCamelCase();
            options.UseAllOfToExtendReferenceSchemas();
        });
        return services;
    }
}
