using System.Text.Json;
using ChatApi.Contracts;
using ChatApi.Errors;
using ChatApi.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChatApi.Models;

public static class ModelEndpoints
{
    public static RouteGroupBuilder MapModels(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/models").WithTags("Models");
        group.MapGet("/", List).WithName("listModels");
        group.MapGet("/{**model}", Retrieve).WithName("retrieveModel");
        return group;
    }

    static async Task<RawJsonResult<ListModelsResponse>> List(ModelCatalog catalog, CancellationToken ct)
    {
        return new RawJsonResult<ListModelsResponse>(JsonSerializer.SerializeToUtf8Bytes(
            new ModelList("list", await catalog.ListAsync(ct)), ModelListJson.Default.ModelList));
    }

    // A name no route, alias, upstream or configured list knows is 404, as OpenAI answers; create still serves any name.
    // Names may hold a slash (meta-llama/Llama-3.1-8B-Instruct), sent as it is or as %2F, which routing leaves encoded.
    static async Task<Results<RawJsonResult<Model>, NotFound<ErrorResponse>>> Retrieve(string model, ModelCatalog catalog, CancellationToken ct) =>
        await catalog.FindAsync(Uri.UnescapeDataString(model), ct) is { } found
            ? new RawJsonResult<Model>(JsonSerializer.SerializeToUtf8Bytes(found, ModelListJson.Default.JsonElement))
            : TypedResults.NotFound(OpenAIErrors.Body($"The model '{Uri.UnescapeDataString(model)}' does not exist or you do not have access to it.", code: "model_not_found"));
}
