using ChatApi.Backends;
using ChatApi.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace ChatApi.Models;

public static class ModelEndpoints
{
    // A fixed date, so the list is the same on every start.
    const long Created = 1_735_689_600; // 2025-01-01

    public static RouteGroupBuilder MapModels(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/models").WithTags("Models");
        group.MapGet("/", List).WithName("listModels");
        group.MapGet("/{model}", Retrieve).WithName("retrieveModel");
        return group;
    }

    static Ok<ListModelsResponse> List(IOptions<BackendsOptions> options) =>
        TypedResults.Ok(new ListModelsResponse { Data = [.. options.Value.Models.Select(ToModel)] });

    // Every model name routes to some backend, and the built-in one answers any name.
    static Ok<Model> Retrieve(string model) => TypedResults.Ok(ToModel(model));

    static Model ToModel(string id) => new() { Id = id, Created = Created, OwnedBy = "chatapi" };
}
