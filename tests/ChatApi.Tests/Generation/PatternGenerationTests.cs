using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatApi.Backends.Deterministic;

namespace ChatApi.Tests.Generation;

/// <summary><c>pattern</c> in schemas: strings that match, checked by NJsonSchema (its own .NET Regex), over many seeds.</summary>
public sealed class PatternGenerationTests
{
    // Patterns as zod (v3 and v4 built-ins and .regex()), Pydantic (Field(pattern=…), constr) and hand-written schemas emit them.
    public static TheoryData<string> Patterns => new()
    {
        @"^\d{5}$",
        @"^[A-Z]{3}$",
        @"^[0-9a-fA-F]{8}\b-[0-9a-fA-F]{4}\b-[0-9a-fA-F]{4}\b-[0-9a-fA-F]{4}\b-[0-9a-fA-F]{12}$",
        @"^(?!\.)(?!.*\.\.)([A-Z0-9_'+\-\.]*)[A-Z0-9_+-]@([A-Z0-9][A-Z0-9\-]*\.)+[A-Z]{2,}$",
        @"^(?!\.)(?!.*\.\.)([A-Za-z0-9_'+\-\.]*)[A-Za-z0-9_+-]@([A-Za-z0-9][A-Za-z0-9\-]*\.)+[A-Za-z]{2,}$",
        @"^(?:(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])$",
        @"^c[^\s-]{8,}$",
        @"^[0-9A-HJKMNP-TV-Z]{26}$",
        @"^[a-z0-9_-]{21}$",
        @"^([0-9a-zA-Z+/]{4})*(([0-9a-zA-Z+/]{2}==)|([0-9a-zA-Z+/]{3}=))?$",
        @"^((\d\d[2468][048]|\d\d[13579][26]|\d\d0[48]|[02468][048]00|[13579][26]00)-02-29|\d{4}-((0[13578]|1[02])-(0[1-9]|[12]\d|3[01])|(0[469]|11)-(0[1-9]|[12]\d|30)|(02)-(0[1-9]|1\d|2[0-8])))$",
        @"^[A-Z]{2}\d{6}$",
        @"^\d{4}-\d{2}-\d{2}$",
        @"^\+?[1-9]\d{1,14}$",
        @"^#[0-9a-fA-F]{6}$",
        @"^https?:\/\/[^\s/$.?#].[^\s]*$",
        @"^[\w.+-]+@[\w-]+\.[\w.]+$",
        @"^\d{3}-\d{2}-\d{4}$",
        @"^[a-z0-9]+(?:-[a-z0-9]+)*$",
        @"^v\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$",
        @"^(\([0-9]{3}\))?[0-9]{3}-[0-9]{4}$",
        @"^\u00e9t\u00e9 \d{4}$",
        @"^[À-ÿ]+$",
        @"^[\u4e00-\u9fff]{2,4}$",
        @"^\p{Lu}\p{Ll}+$",
        @"^(red|green|blue)$",
        @"\d",
        @"^.{3,8}$",
        @"^[^@\s]+@[^@\s]+$",
        @"^\S+$",
        @"^\$\d+(\.\d{2})?$",
        @"^[a-z]+?_\d*?$",
        @"^\w+\s\w+$",
        @"^(\uD83D\uDE00)+$",
        @"^[\-\]\\]{2}$",
        @"^\x41\cJ?\t?$",
        @"^(?<year>\d{4})-(?<month>0[1-9]|1[0-2])$",
        @"^\D\W\d$",
    };

    [Theory]
    [MemberData(nameof(Patterns))]
    public async Task Generate_Pattern_MatchesOverManySeeds(string pattern)
    {
        var schema = new JsonObject { ["type"] = "string", ["pattern"] = pattern }.ToJsonString();
        using var document = JsonDocument.Parse(schema);
        var seen = new HashSet<string>();
        for (var seed = 0; seed < 40; seed++)
        {
            var json = SchemaValueGenerator.GenerateText(document.RootElement, new Random(seed));
            await SchemaAssert.ValidAsync(schema, json);
            seen.Add(json);
        }
        Assert.True(seen.Count > 1 || pattern == "^(red|green|blue)$" && seen.Count > 1, $"one value for every seed: {string.Join(", ", seen)}");
    }

    public static TheoryData<string> WithLengthsAndFormats => new()
    {
        """{"type":"string","pattern":"^[a-z]+$","minLength":5,"maxLength":8}""",
        """{"type":"string","pattern":"[A-Z]{2}\\d{2}","minLength":4,"maxLength":4}""",
        """{"type":"string","pattern":"^\\d+$","minLength":12}""",
        """{"type":"string","format":"email","pattern":"^(?!\\.)(?!.*\\.\\.)([A-Za-z0-9_'+\\-\\.]*)[A-Za-z0-9_+-]@([A-Za-z0-9][A-Za-z0-9\\-]*\\.)+[A-Za-z]{2,}$"}""",
        """{"type":"string","format":"uuid","pattern":"^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-8][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}|00000000-0000-0000-0000-000000000000)$"}""",
        """{"type":"string","format":"date","pattern":"^\\d{4}-\\d{2}-\\d{2}$","maxLength":10}""",
        """{"type":"object","additionalProperties":false,"required":["zip","code","tags"],"properties":{"zip":{"type":"string","pattern":"^\\d{5}(-\\d{4})?$"},"code":{"anyOf":[{"type":"string","pattern":"^[A-Z]{3}$"},{"type":"null"}]},"tags":{"type":"array","minItems":1,"items":{"type":"string","pattern":"^#[a-z]{2,10}$"}}}}""",
    };

    [Theory]
    [MemberData(nameof(WithLengthsAndFormats))]
    public async Task Generate_PatternWithLengthsOrFormat_ValidatesOverManySeeds(string schema)
    {
        using var document = JsonDocument.Parse(schema);
        for (var seed = 0; seed < 40; seed++)
            await SchemaAssert.ValidAsync(schema, SchemaValueGenerator.GenerateText(document.RootElement, new Random(seed)));
    }

    [Fact]
    public void Generate_FormatValueThatMatches_IsKept()
    {
        using var document = JsonDocument.Parse("""{"type":"string","format":"email","pattern":"^[^@\\s]+@[^@\\s]+$"}""");

        var json = SchemaValueGenerator.GenerateText(document.RootElement, new Random(3));

        Assert.EndsWith("@example.com\"", json);
    }

    [Fact]
    public void Generate_SameSeed_SameString()
    {
        using var document = JsonDocument.Parse("""{"type":"string","pattern":"^[A-Z]{2}-\\d{4}$"}""");

        Assert.Equal(SchemaValueGenerator.GenerateText(document.RootElement, new Random(9)), SchemaValueGenerator.GenerateText(document.RootElement, new Random(9)));
    }

    public static TheoryData<string, string> Unsatisfiable => new()
    {
        { """{"type":"string","pattern":"^[a-z]{3}$","minLength":5}""", "cannot be satisfied together with 'minLength'/'maxLength'" },
        { """{"type":"string","pattern":"^(?=a)b$"}""", "could not be satisfied by any generated string" },
        { """{"type":"string","pattern":"^(a)\\1$"}""", "uses a back-reference, which cannot be generated" },
        { """{"type":"string","pattern":"^[a-z"}""", "is not a valid regular expression" },
        { """{"type":"string","pattern":"^((a{100}){100}){100}$"}""", "is too large to generate strings for (more than 20000 positions)" },
        { """{"type":"string","pattern":"^\\p{Extended_Pictographic}+$"}""", "is not a valid regular expression" },
        { """{"type":"string","pattern":"^\\p{Sc}$"}""", "uses the Unicode property escape '\\p{Sc}', which is not supported" },
    };

    [Theory]
    [MemberData(nameof(Unsatisfiable))]
    public async Task Create_PatternThatCannotBeGenerated_Answers400AtTheSchemaPath(string zip, string reason)
    {
        await using var app = new ChatApiFactory();
        var body = JsonNode.Parse("""
            {"model":"gpt-4o","messages":[{"role":"user","content":"address please"}],
             "response_format":{"type":"json_schema","json_schema":{"name":"address","strict":true,"schema":
               {"type":"object","additionalProperties":false,"required":["zip"],"properties":{"zip":
            """ + zip + "}}}}}")!;

        var (status, json) = await app.CreateClient().SendJsonAsync(HttpMethod.Post, "/v1/chat/completions", body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var error = json.GetProperty("error");
        Assert.Equal("response_format.json_schema.schema.properties.zip.pattern", error.GetProperty("param").GetString());
        Assert.StartsWith("Invalid schema for response_format 'address': In context=('properties', 'zip'), 'pattern' '", error.GetProperty("message").GetString());
        Assert.EndsWith($" {reason}.", error.GetProperty("message").GetString());
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
    }

    [Fact]
    public async Task Create_ToolParameterPatternThatCannotBeGenerated_Answers400AtItsPath()
    {
        await using var app = new ChatApiFactory();
        var body = JsonNode.Parse("""
            {"model":"gpt-4o","messages":[{"role":"user","content":"look up the flight"}],
             "tools":[{"type":"function","function":{"name":"lookup_flight","parameters":
               {"type":"object","properties":{"legs":{"type":"array","items":{"type":"string","pattern":"^[A-Z]{3}$","maxLength":2}}}}}}]}
            """)!;

        var (status, json) = await app.CreateClient().SendJsonAsync(HttpMethod.Post, "/v1/chat/completions", body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("tools[0].function.parameters.properties.legs.items.pattern", json.GetProperty("error").GetProperty("param").GetString());
        Assert.Equal("invalid_function_parameters", json.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Create_JsonSchemaAndToolWithPatterns_AnswerMatchingValues()
    {
        await using var app = new ChatApiFactory();
        var client = app.CreateClient();
        const string schema = """
            {"type":"object","additionalProperties":false,"required":["zip","from","to","flight","date"],"properties":{
              "zip":{"type":"string","pattern":"^\\d{5}$"},"from":{"type":"string","pattern":"^[A-Z]{3}$"},
              "to":{"type":"string","pattern":"^[A-Z]{3}$"},"flight":{"type":"string","pattern":"^[A-Z]{2}\\d{3,4}$"},
              "date":{"type":"string","pattern":"^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$"}}}
            """;

        var reply = await client.CompleteAsync(JsonNode.Parse("""
            {"model":"gpt-4o","messages":[{"role":"user","content":"book it"}],
             "response_format":{"type":"json_schema","json_schema":{"name":"booking","strict":true,"schema":
            """ + schema + "}}}")!);
        var call = await client.CompleteAsync(JsonNode.Parse("""
            {"model":"gpt-4o","messages":[{"role":"user","content":"book_flight now"}],
             "tools":[{"type":"function","function":{"name":"book_flight","strict":true,"parameters":
            """ + schema + "}}]}")!);

        await SchemaAssert.ValidAsync(schema, reply.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString()!);
        await SchemaAssert.ValidAsync(schema, call.GetProperty("choices")[0].GetProperty("message").GetProperty("tool_calls")[0].GetProperty("function").GetProperty("arguments").GetString()!);
    }
}
