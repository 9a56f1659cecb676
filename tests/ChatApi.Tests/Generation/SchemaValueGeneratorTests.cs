using System.Text.Json;
using ChatApi.Backends.Deterministic;

namespace ChatApi.Tests.Generation;

public sealed class SchemaValueGeneratorTests
{
    public static TheoryData<string> Schemas => new()
    {
        """{"type":"object","properties":{"kind":{"const":"circle"},"r":{"type":"number","exclusiveMinimum":0,"exclusiveMaximum":1}},"required":["kind","r"]}""",
        """{"type":"array","prefixItems":[{"type":"integer"},{"type":"boolean"}],"minItems":2,"maxItems":2}""",
        """{"type":"array","items":{"type":"integer","minimum":1,"maximum":3},"uniqueItems":true,"minItems":3,"maxItems":3}""",
        """{"type":"integer","minimum":10,"maximum":100,"multipleOf":7}""",
        """{"type":"integer","minimum":5000000000,"maximum":9007199254740991}""",
        """{"type":"integer","minimum":-9007199254740991,"maximum":-5000000000,"multipleOf":3}""",
        """{"type":"number","minimum":-5,"maximum":5,"multipleOf":0.5}""",
        """{"allOf":[{"type":"object","properties":{"a":{"type":"string"}},"required":["a"]},{"type":"object","properties":{"b":{"type":"integer"}},"required":["b"]}]}""",
        """{"oneOf":[{"type":"string","format":"date"},{"type":"string","format":"uuid"}]}""",
        """{"type":"string","minLength":40,"maxLength":45}""",
        """{"type":"object","properties":{"when":{"type":"string","format":"date-time"},"site":{"type":"string","format":"uri"},"ip":{"type":"string","format":"ipv4"}},"required":["when","site","ip"]}""",
        """{"type":"object","required":["root"],"properties":{"root":{"$ref":"#/definitions/node"}},"definitions":{"node":{"type":"object","additionalProperties":false,"required":["value","children"],"properties":{"value":{"type":"integer"},"children":{"type":"array","items":{"$ref":"#/definitions/node"}}}}}}""",
        """{"type":"object","additionalProperties":false,"required":["next"],"properties":{"next":{"anyOf":[{"$ref":"#"},{"type":"null"}]}}}""",
    };

    [Theory]
    [MemberData(nameof(Schemas))]
    public async Task Generate_AnySeed_ValidatesAgainstTheSchema(string schema)
    {
        using var document = JsonDocument.Parse(schema);
        for (var seed = 0; seed < 25; seed++)
        {
            var json = SchemaValueGenerator.GenerateText(document.RootElement, new Random(seed));
            Assert.True(json.Length < 20_000, $"seed {seed} made {json.Length} characters");
            await SchemaAssert.ValidAsync(schema, json);
        }
    }

    [Fact]
    public void Generate_SameSeed_SameValue()
    {
        using var document = JsonDocument.Parse("""{"type":"object","properties":{"a":{"type":"string"},"b":{"type":"number"}}}""");

        var first = SchemaValueGenerator.GenerateText(document.RootElement, new Random(5));
        var again = SchemaValueGenerator.GenerateText(document.RootElement, new Random(5));

        Assert.Equal(first, again);
    }

    /// <summary>zod's <c>z.number().int()</c> bounds by ±(2^53 − 1); the value is a small one, as a model would write.</summary>
    [Fact]
    public void Generate_ZodIntBounds_SmallValues()
    {
        using var document = JsonDocument.Parse("""{"type":"integer","minimum":-9007199254740991,"maximum":9007199254740991}""");

        var values = Enumerable.Range(0, 50).Select(seed => long.Parse(SchemaValueGenerator.GenerateText(document.RootElement, new Random(seed)), System.Globalization.CultureInfo.InvariantCulture)).ToList();

        Assert.All(values, v => Assert.InRange(v, 0, 100));
        Assert.True(values.Distinct().Count() > 10);
    }
}
